import type { Db } from '../../src/db/database.ts';
import type { ProgrammeKind } from '../../src/db/schema-pairing.ts';

/**
 * A weekly pairing programme row with `/coffee start`'s defaults, for tests that write rounds and groups by hand
 * rather than through the Slack flow. Returns its id.
 */
export async function insertProgrammeRow(
  db: Db,
  input: {
    workspaceId: string;
    channelId: string;
    createdAt: Date;
    kind?: ProgrammeKind;
    hostUserId?: string | null;
    createdBy?: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('programmes')
    .values({
      workspace_id: input.workspaceId,
      channel_id: input.channelId,
      kind: input.kind ?? 'coffee',
      frequency: 'weekly',
      weekday: 1,
      send_hour: 9,
      group_size: 2,
      cooldown_weeks: 4,
      approval_required: false,
      team_source: 'directory',
      team_field_id: null,
      department_field_id: null,
      host_user_id: input.hostUserId ?? null,
      status: 'active',
      created_by: input.createdBy ?? 'U0ADMIN',
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

import type { Db } from '../../db/database.ts';
import { findProgrammeByChannel, type Programme } from '../../db/queries/pairing.ts';
import type { ProgrammeKind } from '../../db/schema-pairing.ts';

export const programmeDefaults = {
  frequency: 'weekly',
  weekday: 1,
  sendHour: 10,
  groupSize: 2,
  cooldownWeeks: 8,
} as const;

export type CreateProgrammeResult =
  | { ok: true; programme: Programme }
  | { ok: false; refusal: 'exists' | 'host_required'; programme?: Programme };

/** Starts a programme in a channel: its members become the pool; sensible defaults, changeable in settings. */
export async function createProgramme(
  db: Db,
  input: {
    workspaceId: string;
    channelId: string;
    kind: ProgrammeKind;
    hostUserId: string | null;
    createdBy: string;
    now: Date;
  },
): Promise<CreateProgrammeResult> {
  const existing = await findProgrammeByChannel(db, input.workspaceId, input.channelId);
  if (existing) return { ok: false, refusal: 'exists', programme: existing };
  if (input.kind === 'exec-lottery' && !input.hostUserId) return { ok: false, refusal: 'host_required' };
  const programme = await db
    .insertInto('programmes')
    .values({
      workspace_id: input.workspaceId,
      channel_id: input.channelId,
      kind: input.kind,
      frequency: programmeDefaults.frequency,
      weekday: programmeDefaults.weekday,
      send_hour: programmeDefaults.sendHour,
      group_size: programmeDefaults.groupSize,
      cooldown_weeks: programmeDefaults.cooldownWeeks,
      approval_required: false,
      team_source: 'directory',
      host_user_id: input.hostUserId,
      status: 'active',
      created_by: input.createdBy,
      created_at: input.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!programme) {
    const raced = await findProgrammeByChannel(db, input.workspaceId, input.channelId);
    return { ok: false, refusal: 'exists', ...(raced ? { programme: raced } : {}) };
  }
  return { ok: true, programme };
}

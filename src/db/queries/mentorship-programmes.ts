import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipMatchingMode, MentorshipProgrammesTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipProgrammeRow = Selectable<MentorshipProgrammesTable>;

export interface MentorshipProgrammeSettingsRow {
  cycle_months: number;
  signup_deadline: Date | null;
  matching_mode: MentorshipMatchingMode;
  default_capacity: number;
  max_capacity: number;
  min_seniority_gap: number;
  allow_same_team: boolean;
  skills: string[];
}

export async function findMentorshipProgramme(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<MentorshipProgrammeRow | undefined> {
  return await db
    .selectFrom('mentorship_programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

export async function findMentorshipProgrammeByChannel(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<MentorshipProgrammeRow | undefined> {
  return await db
    .selectFrom('mentorship_programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

/** Undefined when the channel already has a programme (the unique index decides between racing starts). */
export async function insertMentorshipProgramme(
  db: Executor,
  row: {
    workspaceId: string;
    channelId: string;
    createdBy: string;
    now: Date;
    settings: MentorshipProgrammeSettingsRow;
  },
): Promise<MentorshipProgrammeRow | undefined> {
  return await db
    .insertInto('mentorship_programmes')
    .values({
      workspace_id: row.workspaceId,
      channel_id: row.channelId,
      ...row.settings,
      skills: JSON.stringify(row.settings.skills),
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateMentorshipProgrammeSettings(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  settings: MentorshipProgrammeSettingsRow,
  now: Date,
): Promise<void> {
  await db
    .updateTable('mentorship_programmes')
    .set({ ...settings, skills: JSON.stringify(settings.skills), updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', programmeId)
    .execute();
}

/** The workspace's programmes, oldest first. */
export async function findMentorshipProgrammes(db: Executor, workspaceId: string): Promise<MentorshipProgrammeRow[]> {
  return await db
    .selectFrom('mentorship_programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

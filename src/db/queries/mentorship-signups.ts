import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipRole, MentorshipSignupsTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipSignupRow = Selectable<MentorshipSignupsTable>;

export interface MentorshipSignupValues {
  role: MentorshipRole;
  learns: string[];
  teaches: string[];
  goals: string;
  capacity: number | null;
  preferOtherTeam: boolean;
  preferOverlap: boolean;
}

export async function upsertMentorshipSignup(
  db: Executor,
  key: { workspaceId: string; programmeId: string; userId: string },
  values: MentorshipSignupValues,
  now: Date,
): Promise<void> {
  const changes = {
    role: values.role,
    learns: JSON.stringify(values.learns),
    teaches: JSON.stringify(values.teaches),
    goals: values.goals,
    capacity: values.capacity,
    prefer_other_team: values.preferOtherTeam,
    prefer_overlap: values.preferOverlap,
    updated_at: now,
  };
  await db
    .insertInto('mentorship_signups')
    .values({
      workspace_id: key.workspaceId,
      programme_id: key.programmeId,
      user_id: key.userId,
      ...changes,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'programme_id', 'user_id']).doUpdateSet(changes))
    .execute();
}

export async function findMentorshipSignup(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  userId: string,
): Promise<MentorshipSignupRow | undefined> {
  return await db
    .selectFrom('mentorship_signups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findMentorshipSignups(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<MentorshipSignupRow[]> {
  return await db
    .selectFrom('mentorship_signups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .orderBy('user_id')
    .execute();
}

/**
 * Locks these people's sign-up rows until the transaction ends, always in user-id order so two transactions that
 * lock the same two people (each a mentor of the other) queue instead of deadlocking. Returns the rows locked.
 */
export async function lockMentorshipSignups(
  trx: Executor,
  workspaceId: string,
  programmeId: string,
  userIds: string[],
): Promise<MentorshipSignupRow[]> {
  return await trx
    .selectFrom('mentorship_signups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .forUpdate()
    .execute();
}

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipCheckinsTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipCheckinRow = Selectable<MentorshipCheckinsTable>;

/** The check-ins already sent on the programme's active pairs: what the sweep compares with what is due. */
export async function findCheckinsOfActivePairs(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Array<{ pair_id: string; user_id: string; number: number }>> {
  return await db
    .selectFrom('mentorship_checkins as c')
    .innerJoin('mentorship_pairs as p', (join) =>
      join.onRef('p.id', '=', 'c.pair_id').onRef('p.workspace_id', '=', 'c.workspace_id'),
    )
    .select(['c.pair_id', 'c.user_id', 'c.number'])
    .where('c.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('p.status', '=', 'active')
    .execute();
}

export async function findPairCheckins(
  db: Executor,
  workspaceId: string,
  pairId: string,
  number: number,
): Promise<MentorshipCheckinRow[]> {
  return await db
    .selectFrom('mentorship_checkins')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .where('number', '=', number)
    .execute();
}

/** The check-in reached this person (a repeat changes nothing). */
export async function insertCheckinSent(
  db: Executor,
  row: { workspaceId: string; pairId: string; userId: string; number: number; now: Date },
): Promise<void> {
  await db
    .insertInto('mentorship_checkins')
    .values({
      workspace_id: row.workspaceId,
      pair_id: row.pairId,
      user_id: row.userId,
      number: row.number,
      sent_at: row.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'pair_id', 'user_id', 'number']).doNothing())
    .execute();
}

/** The person's answer; `met` and `usefulness` each overwrite only when given. */
export async function upsertCheckinAnswer(
  db: Executor,
  row: {
    workspaceId: string;
    pairId: string;
    userId: string;
    number: number;
    met?: boolean;
    usefulness?: number;
    now: Date;
  },
): Promise<MentorshipCheckinRow> {
  const answer = {
    answered_at: row.now,
    ...(row.met !== undefined ? { met: row.met } : {}),
    ...(row.usefulness !== undefined ? { usefulness: row.usefulness } : {}),
  };
  return await db
    .insertInto('mentorship_checkins')
    .values({
      workspace_id: row.workspaceId,
      pair_id: row.pairId,
      user_id: row.userId,
      number: row.number,
      sent_at: row.now,
      ...answer,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'pair_id', 'user_id', 'number']).doUpdateSet(answer))
    .returningAll()
    .executeTakeFirstOrThrow();
}

import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { LearningRequestKind, LearningRequestsTable } from '../schema-learning.ts';

type Executor = Kysely<Database>;
export type LearningRequestRow = Selectable<LearningRequestsTable>;

export interface ExpertCandidateRow {
  user_id: string;
  skill: string;
  team: string | null;
  tz_offset_seconds: number;
}

/** Current, human members who list the skill (by folded key) under *ask me about*: the only list others may read. */
export async function findAskMeAboutExperts(
  db: Executor,
  workspaceId: string,
  skillKey: string,
): Promise<ExpertCandidateRow[]> {
  return await db
    .selectFrom('skill_profile_entries as s')
    .innerJoin('members as m', (j) =>
      j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select(['s.user_id', 's.skill', 'm.team', 'm.tz_offset_seconds'])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.list', '=', 'ask_me_about')
    .where('s.skill_key', '=', skillKey)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .orderBy('s.user_id')
    .execute();
}

/**
 * Every skill someone in the workspace can be asked about, once per folded key (in the spelling of the first person
 * by user id): to offer the closest to a typo. A skip scan over the (workspace, list, key, user) index: one probe
 * per distinct skill, however many people list each.
 */
export async function findAskMeAboutSkills(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await sql<{ skill: string }>`
    with recursive keys(skill_key, skill, n) as (
      (select skill_key, skill, 1 from skill_profile_entries
        where workspace_id = ${workspaceId} and list = 'ask_me_about' order by skill_key, user_id limit 1)
      union all
      select next.skill_key, next.skill, k.n + 1 from keys k
      cross join lateral (
        select s.skill_key, s.skill from skill_profile_entries s
        where s.workspace_id = ${workspaceId} and s.list = 'ask_me_about' and s.skill_key > k.skill_key
        order by s.skill_key, s.user_id limit 1
      ) next
      where k.n < 2000
    )
    select skill from keys order by skill_key`.execute(db);
  return rows.rows.map((r) => r.skill);
}

/** Whether the person lists the skill under *ask me about*. */
export async function findAsksMeAbout(
  db: Executor,
  workspaceId: string,
  userId: string,
  skillKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('skill_profile_entries')
    .select('skill')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('list', '=', 'ask_me_about')
    .where('skill_key', '=', skillKey)
    .executeTakeFirst();
  return row?.skill;
}

/** Per expert: how many requests they received since `since`, and when they were last asked. */
export async function findExpertRequestLoad(
  db: Executor,
  workspaceId: string,
  expertIds: string[],
  since: Date,
): Promise<Array<{ expert_id: string; received: number; last_asked: Date | null }>> {
  if (expertIds.length === 0) return [];
  return await db
    .selectFrom('learning_requests')
    .select((eb) => [
      'expert_id',
      eb.fn.countAll<number>().filterWhere('requested_at', '>', since).as('received'),
      eb.fn.max('requested_at').as('last_asked'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('expert_id', 'in', expertIds)
    .groupBy('expert_id')
    .execute();
}

/** Serialises requests to one expert for the rest of the transaction, so racing askers cannot both take the last slot. */
export async function lockLearningExpert(trx: Executor, workspaceId: string, expertId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`learning:${workspaceId}:${expertId}`}, 0))`.execute(trx);
}

export async function countRequestsToExpertSince(
  trx: Executor,
  workspaceId: string,
  expertId: string,
  since: Date,
): Promise<number> {
  const row = await trx
    .selectFrom('learning_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('expert_id', '=', expertId)
    .where('requested_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The experts this asker already asked about this skill (any status): not suggested to them again. */
export async function findAskedExperts(
  db: Executor,
  workspaceId: string,
  askerId: string,
  skillKey: string,
): Promise<LearningRequestRow[]> {
  return await db
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('asker_id', '=', askerId)
    .where('skill_key', '=', skillKey)
    .orderBy('requested_at')
    .execute();
}

export async function insertLearningRequest(
  trx: Executor,
  row: {
    workspaceId: string;
    askerId: string;
    expertId: string;
    skill: string;
    skillKey: string;
    kind: LearningRequestKind;
    proposedDate: string | null;
    now: Date;
  },
): Promise<LearningRequestRow> {
  return await trx
    .insertInto('learning_requests')
    .values({
      workspace_id: row.workspaceId,
      asker_id: row.askerId,
      expert_id: row.expertId,
      skill: row.skill,
      skill_key: row.skillKey,
      kind: row.kind,
      proposed_date: row.proposedDate,
      status: 'open',
      requested_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLearningRequest(
  db: Executor,
  workspaceId: string,
  requestId: string,
): Promise<LearningRequestRow | undefined> {
  return await db
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .executeTakeFirst();
}

/** The request, locked until the transaction ends. */
export async function lockLearningRequest(
  trx: Executor,
  workspaceId: string,
  requestId: string,
): Promise<LearningRequestRow | undefined> {
  return await trx
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function closeLearningRequest(
  trx: Executor,
  workspaceId: string,
  requestId: string,
  status: 'accepted' | 'declined' | 'expired' | 'withdrawn',
  now: Date,
): Promise<void> {
  await trx
    .updateTable('learning_requests')
    .set({ status, answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .execute();
}

/** Open requests made at or before `cutoff` become expired; returns their ids. */
export async function expireLearningRequests(
  db: Executor,
  workspaceId: string,
  cutoff: Date,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('learning_requests')
    .set({ status: 'expired', answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('requested_at', '<=', cutoff)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Open requests (their DM is owed) and declined or expired ones whose asker was not yet offered the next person. */
export async function findLearningRequestsToRedrive(
  db: Executor,
  workspaceId: string,
): Promise<Array<{ id: string; status: string }>> {
  return await db
    .selectFrom('learning_requests')
    .select(['id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([eb('status', 'in', ['declined', 'expired']), eb('handed_off_at', 'is', null)]),
      ]),
    )
    .orderBy('requested_at')
    .execute();
}

export async function markLearningRequestHandedOff(
  db: Executor,
  workspaceId: string,
  requestId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('learning_requests')
    .set({ handed_off_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .where('handed_off_at', 'is', null)
    .execute();
}

export async function findLearningWeeklyCap(db: Executor, workspaceId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('learning_settings')
    .select('weekly_request_cap')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.weekly_request_cap;
}

export async function upsertLearningWeeklyCap(
  db: Executor,
  workspaceId: string,
  cap: number,
  now: Date,
): Promise<void> {
  await db
    .insertInto('learning_settings')
    .values({ workspace_id: workspaceId, weekly_request_cap: cap, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ weekly_request_cap: cap, updated_at: now }))
    .execute();
}

/** Open requests the person sent or received, made after `since`, oldest first: what their Home tab lists. */
export async function findOpenLearningRequestsOf(
  db: Executor,
  workspaceId: string,
  userId: string,
  since: Date,
  limit: number,
): Promise<LearningRequestRow[]> {
  return await db
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('requested_at', '>', since)
    .where((eb) => eb.or([eb('asker_id', '=', userId), eb('expert_id', '=', userId)]))
    .orderBy('requested_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The workspace's open requests and whom each waits on: to close those whose expert went away. */
export async function findOpenLearningRequests(
  db: Executor,
  workspaceId: string,
): Promise<Array<{ id: string; expert_id: string }>> {
  return await db
    .selectFrom('learning_requests')
    .select(['id', 'expert_id'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('requested_at')
    .execute();
}

/** These requests become expired if still open (an answer that came first wins); returns those closed. */
export async function expireOpenLearningRequests(
  db: Executor,
  workspaceId: string,
  requestIds: string[],
  now: Date,
): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .updateTable('learning_requests')
    .set({ status: 'expired', answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', requestIds)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface UnaskedExpertRow extends ExpertCandidateRow {
  status_text: string;
  status_emoji: string;
  status_expiration: Date | null;
}

/**
 * Current, human members who list the skill under *ask me about*, in a team other than the asker's, in a time zone
 * at most `maxGapSeconds` from the asker's, and whom nobody has ever asked: in user id order after `after`, a page at
 * a time. The asker's team and zone are read from their row in the same statement (none when they have no team), so
 * it needs no round trip before it. The (workspace, list, key, user) index gives the order, so a skill listed by tens
 * of thousands is read a few rows at a time.
 */
export async function findUnaskedNearbyExperts(
  db: Executor,
  input: {
    workspaceId: string;
    skillKey: string;
    askerId: string;
    maxGapSeconds: number;
    after: string | undefined;
    limit: number;
  },
): Promise<UnaskedExpertRow[]> {
  let query = db
    .selectFrom('skill_profile_entries as s')
    .innerJoin('members as m', (j) =>
      j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select([
      's.user_id',
      's.skill',
      'm.team',
      'm.tz_offset_seconds',
      'm.status_text',
      'm.status_emoji',
      'm.status_expiration',
    ])
    .where('s.workspace_id', '=', input.workspaceId)
    .where('s.list', '=', 'ask_me_about')
    .where('s.skill_key', '=', input.skillKey)
    .where('s.user_id', '<>', input.askerId)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .where(
      sql<boolean>`m.team <> (select a.team from members a where a.workspace_id = ${input.workspaceId} and a.user_id = ${input.askerId})`,
    )
    .where(
      sql<boolean>`abs(m.tz_offset_seconds - (select a.tz_offset_seconds from members a where a.workspace_id = ${input.workspaceId} and a.user_id = ${input.askerId})) <= ${input.maxGapSeconds}`,
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('learning_requests as r')
            .select('r.id')
            .whereRef('r.workspace_id', '=', 's.workspace_id')
            .whereRef('r.expert_id', '=', 's.user_id'),
        ),
      ),
    );
  if (input.after !== undefined) query = query.where('s.user_id', '>', input.after);
  return await query.orderBy('s.user_id').limit(input.limit).execute();
}

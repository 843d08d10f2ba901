import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { tombstonePrefix } from './erased-members.ts';

type Executor = Kysely<Database>;

/** One Nudge connection of the person's: who with, when, how, and the other person's team as the directory has it. */
export interface ConnectionRow {
  other_id: string;
  at: Date;
  source: 'pairing' | 'mentorship' | 'learning';
  other_team: string | null;
  other_department: string | null;
}

export interface PersonScope {
  workspaceId: string;
  userId: string;
}

/**
 * The person's Nudge connections dated within [from, to): a delivered coffee or intro group where at least one member
 * answered the check-in "met", a mentorship pair that recorded a first meeting, an accepted learning request. Only
 * colleagues still here count: someone who left, or was erased, is not in `members` as an active person.
 */
export async function findPersonConnections(
  db: Executor,
  scope: PersonScope,
  window: { from: Date; to: Date },
): Promise<ConnectionRow[]> {
  const { workspaceId, userId } = scope;
  const result = await sql<ConnectionRow>`
    with connections as (
      select other.user_id as other_id, g.delivered_at as at, 'pairing' as source
      from round_groups g
      cross join lateral unnest(g.members) as other(user_id)
      where g.workspace_id = ${workspaceId}
        and g.status = 'delivered'
        and g.delivered_at >= ${window.from} and g.delivered_at < ${window.to}
        and ${userId} = any(g.members)
        and other.user_id <> ${userId}
        and exists (
          select 1 from round_checkins c
          where c.workspace_id = g.workspace_id and c.group_id = g.id and c.answer = 'met'
        )
      union all
      select case when p.mentor_id = ${userId} then p.mentee_id else p.mentor_id end, p.first_met_at, 'mentorship'
      from mentorship_pairs p
      where p.workspace_id = ${workspaceId}
        and (p.mentor_id = ${userId} or p.mentee_id = ${userId})
        and p.first_met_at >= ${window.from} and p.first_met_at < ${window.to}
      union all
      select case when r.asker_id = ${userId} then r.expert_id else r.asker_id end, r.answered_at, 'learning'
      from learning_requests r
      where r.workspace_id = ${workspaceId}
        and (r.asker_id = ${userId} or r.expert_id = ${userId})
        and r.status = 'accepted'
        and r.answered_at >= ${window.from} and r.answered_at < ${window.to}
    )
    select c.other_id, c.at, c.source, m.team as other_team, m.department as other_department
    from connections c
    join members m on m.workspace_id = ${workspaceId} and m.user_id = c.other_id
    where not m.is_deleted and m.departed_at is null and not m.is_bot
      and c.other_id not like ${`${tombstonePrefix}%`}
    order by c.at
  `.execute(db);
  return result.rows;
}

export interface PersonKudosTally {
  given: number;
  received: number;
  given_across_teams: number;
  received_across_teams: number;
}

/** Kudos the person gave and received within [from, to), revoked ones left out; "across teams" uses the teams stored on each. */
export async function findPersonKudosTally(
  db: Executor,
  scope: PersonScope,
  window: { from: Date; to: Date },
): Promise<PersonKudosTally> {
  const { workspaceId, userId } = scope;
  const across = sql`k.giver_team is not null and k.recipient_team is not null and k.giver_team <> k.recipient_team`;
  const result = await sql<PersonKudosTally>`
    select
      count(*) filter (where k.giver_id = ${userId})::int as given,
      count(*) filter (where k.recipient_id = ${userId})::int as received,
      count(*) filter (where k.giver_id = ${userId} and ${across})::int as given_across_teams,
      count(*) filter (where k.recipient_id = ${userId} and ${across})::int as received_across_teams
    from kudos k
    where k.workspace_id = ${workspaceId}
      and (k.giver_id = ${userId} or k.recipient_id = ${userId})
      and k.given_at >= ${window.from} and k.given_at < ${window.to}
      and not exists (
        select 1 from kudos_revocations r where r.workspace_id = k.workspace_id and r.gift_id = k.gift_id
      )
  `.execute(db);
  return result.rows[0] ?? { given: 0, received: 0, given_across_teams: 0, received_across_teams: 0 };
}

export interface PersonLearningTally {
  mentoring: number;
  mentored: number;
  learned: number;
  taught: number;
}

/**
 * Mentorship pairs the person was in at some time within [from, to), as mentor and as mentee, and the learning requests
 * they asked or taught that were accepted within it.
 */
export async function findPersonLearningTally(
  db: Executor,
  scope: PersonScope,
  window: { from: Date; to: Date },
): Promise<PersonLearningTally> {
  const { workspaceId, userId } = scope;
  const pairs = await sql<{ mentoring: number; mentored: number }>`
    select
      count(*) filter (where p.mentor_id = ${userId})::int as mentoring,
      count(*) filter (where p.mentee_id = ${userId})::int as mentored
    from mentorship_pairs p
    where p.workspace_id = ${workspaceId}
      and (p.mentor_id = ${userId} or p.mentee_id = ${userId})
      and p.started_at < ${window.to}
      and (p.ended_at is null or p.ended_at >= ${window.from})
  `.execute(db);
  const requests = await sql<{ learned: number; taught: number }>`
    select
      count(*) filter (where r.asker_id = ${userId})::int as learned,
      count(*) filter (where r.expert_id = ${userId})::int as taught
    from learning_requests r
    where r.workspace_id = ${workspaceId}
      and (r.asker_id = ${userId} or r.expert_id = ${userId})
      and r.status = 'accepted'
      and r.answered_at >= ${window.from} and r.answered_at < ${window.to}
  `.execute(db);
  return {
    mentoring: pairs.rows[0]?.mentoring ?? 0,
    mentored: pairs.rows[0]?.mentored ?? 0,
    learned: requests.rows[0]?.learned ?? 0,
    taught: requests.rows[0]?.taught ?? 0,
  };
}

/** The person's own team and department, when the directory knows them. */
export async function findPersonTeam(
  db: Executor,
  scope: PersonScope,
): Promise<{ team: string | null; department: string | null } | undefined> {
  return await db
    .selectFrom('members')
    .select(['team', 'department'])
    .where('workspace_id', '=', scope.workspaceId)
    .where('user_id', '=', scope.userId)
    .executeTakeFirst();
}

// The quarterly recap: who turned it off, and which quarters each person has had.

export async function findRecapOptOut(db: Executor, scope: PersonScope): Promise<boolean> {
  const row = await db
    .selectFrom('insights_recap_optouts')
    .select('user_id')
    .where('workspace_id', '=', scope.workspaceId)
    .where('user_id', '=', scope.userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRecapOptOut(db: Executor, scope: PersonScope, now: Date): Promise<void> {
  await db
    .insertInto('insights_recap_optouts')
    .values({ workspace_id: scope.workspaceId, user_id: scope.userId, opted_out_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
}

export async function deleteRecapOptOut(db: Executor, scope: PersonScope): Promise<void> {
  await db
    .deleteFrom('insights_recap_optouts')
    .where('workspace_id', '=', scope.workspaceId)
    .where('user_id', '=', scope.userId)
    .execute();
}

/**
 * People who may be owed the recap of `quarter`: here (not departed, deleted, a bot or a tombstone), not opted out,
 * and with no recap recorded for it. Paged by user id.
 */
export async function findPeopleOwedRecap(
  db: Executor,
  input: { workspaceId: string; quarter: string; limit: number; after?: string | undefined },
): Promise<string[]> {
  let query = db
    .selectFrom('members as m')
    .select('m.user_id')
    .where('m.workspace_id', '=', input.workspaceId)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .where('m.departed_at', 'is', null)
    .where('m.user_id', 'not like', `${tombstonePrefix}%`)
    .where('m.user_id', '<>', 'USLACKBOT')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('insights_recap_optouts as o')
            .select('o.user_id')
            .whereRef('o.workspace_id', '=', 'm.workspace_id')
            .whereRef('o.user_id', '=', 'm.user_id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('insights_recaps as r')
            .select('r.user_id')
            .whereRef('r.workspace_id', '=', 'm.workspace_id')
            .whereRef('r.user_id', '=', 'm.user_id')
            .where('r.quarter', '=', input.quarter),
        ),
      ),
    )
    .orderBy('m.user_id')
    .limit(input.limit);
  if (input.after) query = query.where('m.user_id', '>', input.after);
  return (await query.execute()).map((r) => r.user_id);
}

export async function findRecapOutcome(
  db: Executor,
  scope: PersonScope,
  quarter: string,
): Promise<'sent' | 'nothing' | undefined> {
  const row = await db
    .selectFrom('insights_recaps')
    .select('outcome')
    .where('workspace_id', '=', scope.workspaceId)
    .where('user_id', '=', scope.userId)
    .where('quarter', '=', quarter)
    .executeTakeFirst();
  return row?.outcome;
}

export async function insertRecapOutcome(
  db: Executor,
  scope: PersonScope,
  input: { quarter: string; outcome: 'sent' | 'nothing'; now: Date },
): Promise<void> {
  await db
    .insertInto('insights_recaps')
    .values({
      workspace_id: scope.workspaceId,
      user_id: scope.userId,
      quarter: input.quarter,
      outcome: input.outcome,
      recorded_at: input.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'quarter']).doNothing())
    .execute();
}

// The Home picture: one per person, replaced when its figures change.

export async function findHomePicture(
  db: Executor,
  scope: PersonScope,
): Promise<{ figures_hash: string; file_id: string } | undefined> {
  return await db
    .selectFrom('insights_pictures')
    .select(['figures_hash', 'file_id'])
    .where('workspace_id', '=', scope.workspaceId)
    .where('user_id', '=', scope.userId)
    .executeTakeFirst();
}

export async function upsertHomePicture(
  db: Executor,
  scope: PersonScope,
  input: { figuresHash: string; fileId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('insights_pictures')
    .values({
      workspace_id: scope.workspaceId,
      user_id: scope.userId,
      figures_hash: input.figuresHash,
      file_id: input.fileId,
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'user_id']).doUpdateSet({
        figures_hash: input.figuresHash,
        file_id: input.fileId,
        created_at: input.now,
      }),
    )
    .execute();
}

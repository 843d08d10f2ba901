import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { countedPeople, type Span } from './insights-aggregates.ts';
import { replaceKeptRows } from './insights-kept-rows.ts';

type Executor = Kysely<Database>;

/**
 * Recognition (definitions in docs/insights.md): kudos received over the last 90 days by each person counted, from
 * givers counted, and how evenly they spread. The window slides with the moment, so instead of grouping its kudos
 * again on every update, the counts per recipient over its older part are kept (`insights_recognition_received`,
 * over [window_from, boundary) in `insights_recognition_state`); an update takes out the kudos that left the window,
 * folds in the days that became older than what it re-reads, and counts the re-read days on the fly.
 */

export interface RecognitionState {
  windowFrom: Date;
  boundary: Date;
}

/**
 * Kudos given in [from, to), not revoked, by people counted now (the statement's `people`, `countedPeople` read once),
 * read from the index that holds every column needed (`kudos_received_window`). The revocations, few, are hashed
 * once. Recipients are matched to the people counted when the figures are written.
 */
function countedKudos(workspaceId: string, span: Span): RawBuilder<unknown> {
  return sql`select k.recipient_id from kudos k
    join people g on g.user_id = k.giver_id
    where k.workspace_id = ${workspaceId} and k.given_at >= ${span.from} and k.given_at < ${span.to}
      and k.gift_id not in (select gift_id from kudos_revocations where workspace_id = ${workspaceId})`;
}

export async function findRecognitionState(db: Executor, workspaceId: string): Promise<RecognitionState | undefined> {
  const row = await db
    .selectFrom('insights_recognition_state')
    .select(['window_from', 'boundary'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? { windowFrom: row.window_from, boundary: row.boundary } : undefined;
}

async function upsertRecognitionState(db: Executor, workspaceId: string, state: RecognitionState): Promise<void> {
  await db
    .insertInto('insights_recognition_state')
    .values({ workspace_id: workspaceId, window_from: state.windowFrom, boundary: state.boundary })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({
        window_from: eb.ref('excluded.window_from'),
        boundary: eb.ref('excluded.boundary'),
      })),
    )
    .execute();
}

/**
 * The kept counts rebuilt whole, replacing what was kept (by difference): kudos received per person over
 * [windowFrom, boundary).
 */
export async function keepRecognition(db: Executor, workspaceId: string, state: RecognitionState): Promise<void> {
  await sql`create temp table insights_recognition_rows on commit drop as
    with people as not materialized (${countedPeople(workspaceId)})
    select recipient_id, count(*)::int as kudos
    from (${countedKudos(workspaceId, { from: state.windowFrom, to: state.boundary })}) k
    group by recipient_id`.execute(db);
  await replaceKeptRows(db, workspaceId, 'insights_recognition_received', 'insights_recognition_rows');
  await upsertRecognitionState(db, workspaceId, state);
}

/**
 * The kept counts moved from `kept` to `next` (both bounds forward): the kudos given in [kept.windowFrom,
 * next.windowFrom) taken out, those given in [kept.boundary, next.boundary) added. Both read by given_at.
 */
export async function advanceRecognition(
  db: Executor,
  workspaceId: string,
  kept: RecognitionState,
  next: RecognitionState,
): Promise<void> {
  await sql`
    with people as not materialized (${countedPeople(workspaceId)}),
    delta as (
      select recipient_id, -1 as n
        from (${countedKudos(workspaceId, { from: kept.windowFrom, to: next.windowFrom })}) l
      union all
      select recipient_id, 1 from (${countedKudos(workspaceId, { from: kept.boundary, to: next.boundary })}) a
    )
    insert into insights_recognition_received (workspace_id, recipient_id, kudos)
    select ${workspaceId}, recipient_id, sum(n)::int from delta group by recipient_id
    on conflict (workspace_id, recipient_id) do update
      set kudos = insights_recognition_received.kudos + excluded.kudos`.execute(db);
  // The full computation keeps only people who received some: the same rows, whichever path wrote them.
  await db
    .deleteFrom('insights_recognition_received')
    .where('workspace_id', '=', workspaceId)
    .where('kudos', '=', 0)
    .execute();
  await upsertRecognitionState(db, workspaceId, next);
}

/**
 * How evenly kudos received over the window spread over the people counted now: the kept counts plus the kudos given
 * in [boundary, to), counted now. The Gini coefficient over every person counted (those who received none count as
 * 0), and how many received none. Recomputed whole from the counts.
 */
export async function writeRecognition(db: Executor, workspaceId: string, recent: Span): Promise<void> {
  await db.deleteFrom('insights_recognition').where('workspace_id', '=', workspaceId).execute();
  await sql`
    with people as not materialized (${countedPeople(workspaceId)}),
    received as (
      select recipient_id, sum(n)::int as n from (
        select recipient_id, kudos as n from insights_recognition_received where workspace_id = ${workspaceId}
        union all
        select recipient_id, count(*)::int from (${countedKudos(workspaceId, recent)}) k group by recipient_id
      ) x
      group by recipient_id
    ),
    -- How many people received each count: a few hundred rows to rank instead of everyone sorted.
    counts as (
      select coalesce(r.n, 0) as n, count(*) as people
      from people p left join received r on r.recipient_id = p.user_id
      group by coalesce(r.n, 0)
    ),
    ranked as (
      select n, people, sum(people) over (order by n) as last_rank, sum(people) over () as everyone from counts
    )
    -- The Gini sum over people ranked by count, sum((2i - everyone - 1) * n), taken a count at a time: the people of
    -- one count hold ranks last_rank - people + 1 to last_rank, and their terms add up to
    -- n * people * (2 * last_rank - people - everyone).
    insert into insights_recognition (workspace_id, active_members, recipients, received_none, kudos, gini)
    select ${workspaceId}, coalesce(sum(people), 0)::int, coalesce(sum(people) filter (where n > 0), 0)::int,
      coalesce(sum(people) filter (where n = 0), 0)::int, coalesce(sum(n * people), 0)::int,
      case when sum(n * people) > 0
        then sum(n::float8 * people * (2 * last_rank - people - everyone)) / (sum(people) * sum(n * people)) end
    from ranked`.execute(db);
}

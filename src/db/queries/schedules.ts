import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

// These reads span every active workspace on purpose: they decide which per-workspace schedules exist at all.

/** Every active workspace with what its kudos schedules depend on. */
export async function findKudosScheduleRows(db: Executor) {
  return await db
    .selectFrom('workspaces as w')
    .leftJoin('kudos_settings as s', 's.workspace_id', 'w.id')
    .select([
      'w.id',
      'w.time_zone',
      's.prompt_channel_ids',
      's.prompt_weekday',
      's.prompt_hour',
      's.digest_enabled',
      's.kudos_channel_id',
    ])
    .where('w.status', '=', 'active')
    .execute();
}

/** Active programmes of active workspaces. */
export async function findActiveProgrammeKeys(db: Executor): Promise<Array<{ id: string; workspace_id: string }>> {
  return await db
    .selectFrom('programmes as p')
    .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
    .select(['p.id', 'p.workspace_id'])
    .where('w.status', '=', 'active')
    .where('p.status', '=', 'active')
    .execute();
}

/** Mentorship programmes of active workspaces: each has an hourly sweep of its pairs. */
export async function findMentorshipProgrammeKeys(db: Executor): Promise<Array<{ id: string; workspace_id: string }>> {
  return await db
    .selectFrom('mentorship_programmes as p')
    .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
    .select(['p.id', 'p.workspace_id'])
    .where('w.status', '=', 'active')
    .execute();
}

/** Active workspaces with a mentorship programme whose mentees choose their mentor (their requests expire). */
export async function findMentorChoiceWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces as w')
    .select('w.id')
    .where('w.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('mentorship_programmes as m')
          .select('m.id')
          .whereRef('m.workspace_id', '=', 'w.id')
          .where('m.matching_mode', '=', 'choice'),
      ),
    )
    .orderBy('w.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Every active workspace with its celebration settings and whether it has anything to celebrate or finish:
 * a date someone wants celebrated, a shipped celebration not yet posted, a pending occasion post.
 */
export async function findCelebrationScheduleRows(db: Executor) {
  return await db
    .selectFrom('workspaces as w')
    .leftJoin('celebration_settings as s', 's.workspace_id', 'w.id')
    .select([
      'w.id',
      'w.time_zone',
      's.paused',
      's.digest_channel_id',
      's.digest_weekday',
      's.digest_hour',
      sql<boolean>`exists (select 1 from celebration_profiles p where p.workspace_id = w.id
        and ((p.birthday_month is not null and p.birthday_visibility <> 'none')
          or (p.start_date is not null and p.anniversary_visibility <> 'none')))`.as('has_dates'),
      sql<boolean>`exists (select 1 from celebrations c where c.workspace_id = w.id
        and c.posted_at is null and c.failed_at is null)`.as('has_unposted'),
      sql<boolean>`exists (select 1 from celebration_posts cp where cp.workspace_id = w.id
        and cp.status = 'pending')`.as('has_pending'),
    ])
    .where('w.status', '=', 'active')
    .execute();
}

export type KudosScheduleRow = Awaited<ReturnType<typeof findKudosScheduleRows>>[number];
export type CelebrationScheduleRow = Awaited<ReturnType<typeof findCelebrationScheduleRows>>[number];

/** Active workspaces with learning requests still open or owed a hand-off: their hourly expiry job runs. */
export async function findLearningRequestWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces as w')
    .select('w.id')
    .where('w.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('learning_requests as r')
          .select('r.id')
          .whereRef('r.workspace_id', '=', 'w.id')
          .where((inner) =>
            inner.or([
              inner('r.status', '=', 'open'),
              inner.and([inner('r.status', 'in', ['declined', 'expired']), inner('r.handed_off_at', 'is', null)]),
            ]),
          ),
      ),
    )
    .orderBy('w.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Active workspaces where keeping in touch has something to do: a meeting Nudge arranged (a pairing group, a mentorship
 * pair, an accepted learning request) that may be owed a follow-up, or someone's keep-in-touch list.
 */
export async function findKeepInTouchWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces as w')
    .select('w.id')
    .where('w.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('round_groups as g').select('g.id').whereRef('g.workspace_id', '=', 'w.id')),
        eb.exists(eb.selectFrom('mentorship_pairs as p').select('p.id').whereRef('p.workspace_id', '=', 'w.id')),
        eb.exists(
          eb
            .selectFrom('learning_requests as r')
            .select('r.id')
            .whereRef('r.workspace_id', '=', 'w.id')
            .where('r.status', '=', 'accepted'),
        ),
        eb.exists(
          eb.selectFrom('keep_in_touch_contacts as c').select('c.owner_id').whereRef('c.workspace_id', '=', 'w.id'),
        ),
      ]),
    )
    .orderBy('w.id')
    .execute();
  return rows.map((r) => r.id);
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { CelebrationProfileRow, CelebrationVisibility } from '../schema-celebrations.ts';

type Executor = Kysely<Database>;

export async function findCelebrationProfile(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<CelebrationProfileRow | undefined> {
  return await db
    .selectFrom('celebration_profiles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export interface ProfileWrite {
  workspaceId: string;
  userId: string;
  birthday: { month: number; day: number } | null;
  startDate: string | null;
  birthdayVisibility: CelebrationVisibility;
  anniversaryVisibility: CelebrationVisibility;
  source: 'self' | 'import';
  now: Date;
}

export async function upsertCelebrationProfile(db: Executor, row: ProfileWrite): Promise<void> {
  const values = {
    birthday_month: row.birthday?.month ?? null,
    birthday_day: row.birthday?.day ?? null,
    start_date: row.startDate,
    birthday_visibility: row.birthdayVisibility,
    anniversary_visibility: row.anniversaryVisibility,
    source: row.source,
    updated_at: row.now,
  };
  await db
    .insertInto('celebration_profiles')
    .values({ workspace_id: row.workspaceId, user_id: row.userId, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export interface CelebrantRow {
  user_id: string;
  time_zone: string;
  birthday_month: number | null;
  birthday_day: number | null;
  start_date: string | null;
  birthday_visibility: CelebrationVisibility;
  anniversary_visibility: CelebrationVisibility;
}

/**
 * People with a date they want celebrated who are active, human members; with `monthDays`, only those whose
 * birthday or start date falls on one of them.
 */
export async function findCelebrants(
  db: Executor,
  workspaceId: string,
  monthDays?: Array<{ month: number; day: number }>,
): Promise<CelebrantRow[]> {
  let query = db
    .selectFrom('celebration_profiles as p')
    .innerJoin('members as m', (join) =>
      join.onRef('m.workspace_id', '=', 'p.workspace_id').onRef('m.user_id', '=', 'p.user_id'),
    )
    .select([
      'p.user_id',
      'm.time_zone',
      'p.birthday_month',
      'p.birthday_day',
      'p.start_date',
      'p.birthday_visibility',
      'p.anniversary_visibility',
    ])
    .where('p.workspace_id', '=', workspaceId)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.birthday_month', 'is not', null), eb('p.birthday_visibility', '<>', 'none')]),
        eb.and([eb('p.start_date', 'is not', null), eb('p.anniversary_visibility', '<>', 'none')]),
      ]),
    );
  if (monthDays) {
    if (monthDays.length === 0) return [];
    const pairs = sql.join(monthDays.map((md) => sql`(${md.month}::int, ${md.day}::int)`));
    query = query.where((eb) =>
      eb.or([
        eb(sql`(p.birthday_month, p.birthday_day)`, 'in', sql`(${pairs})`),
        eb(sql`(extract(month from p.start_date)::int, extract(day from p.start_date)::int)`, 'in', sql`(${pairs})`),
      ]),
    );
  }
  return await query.orderBy('p.user_id').execute();
}

/** How many birthdays and work anniversaries of active, human members their owners chose to have posted in the channel. */
export async function countChannelCelebrations(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('celebration_profiles as p')
    .innerJoin('members as m', (join) =>
      join.onRef('m.workspace_id', '=', 'p.workspace_id').onRef('m.user_id', '=', 'p.user_id'),
    )
    .select(
      sql<string>`count(*) filter (where p.birthday_month is not null and p.birthday_visibility = 'channel')
        + count(*) filter (where p.start_date is not null and p.anniversary_visibility = 'channel')`.as('n'),
    )
    .where('p.workspace_id', '=', workspaceId)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteCelebrationProfiles(db: Executor, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .deleteFrom('celebration_profiles')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
}

/** Active people who have given no dates and were never asked: Nudge asks each of them once. */
export async function findPeopleToAsk(
  db: Executor,
  workspaceId: string,
  limit: number,
  /** Only people after this user id, to page past people passed over this time. */
  after?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('members as m')
    .leftJoin('celebration_profiles as p', (join) =>
      join.onRef('p.workspace_id', '=', 'm.workspace_id').onRef('p.user_id', '=', 'm.user_id'),
    )
    .select('m.user_id')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.is_deleted', '=', false)
    .where('m.is_bot', '=', false)
    .where('p.asked_at', 'is', null)
    .where('p.birthday_month', 'is', null)
    .where('p.start_date', 'is', null)
    .orderBy('m.user_id')
    .limit(limit);
  if (after !== undefined) query = query.where('m.user_id', '>', after);
  const rows = await query.execute();
  return rows.map((r) => r.user_id);
}

export async function markAskedForDates(db: Executor, workspaceId: string, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('celebration_profiles')
    .values({ workspace_id: workspaceId, user_id: userId, source: 'ask', asked_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ asked_at: now }))
    .execute();
}

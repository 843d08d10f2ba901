import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { ProgrammeMembersTable, ProgrammesTable, RoundGroupsTable, RoundsTable } from '../schema-pairing.ts';

type Executor = Kysely<Database>;
export type Programme = Selectable<ProgrammesTable>;
export type ProgrammeMember = Selectable<ProgrammeMembersTable>;
export type Round = Selectable<RoundsTable>;
export type RoundGroup = Selectable<RoundGroupsTable>;

export async function findProgrammeByChannel(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<Programme | undefined> {
  return await db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

/** The programme whose round introduced people in this group DM (the latest, if the same people met twice). */
export async function findProgrammeByGroupConversation(
  db: Executor,
  workspaceId: string,
  conversationId: string,
): Promise<Programme | undefined> {
  return await db
    .selectFrom('round_groups as g')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .innerJoin('programmes as p', 'p.id', 'r.programme_id')
    .selectAll('p')
    .where('g.workspace_id', '=', workspaceId)
    .where('r.workspace_id', '=', workspaceId)
    .where('p.workspace_id', '=', workspaceId)
    .where('g.conversation_id', '=', conversationId)
    .orderBy('r.round_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findProgramme(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Programme | undefined> {
  return await db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

/** Inserts a programme unless its channel already has one; undefined when it had. */
export async function insertProgrammeIfMissing(
  db: Executor,
  programme: Insertable<ProgrammesTable>,
): Promise<Programme | undefined> {
  return await db
    .insertInto('programmes')
    .values(programme)
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateProgramme(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  changes: Updateable<ProgrammesTable>,
): Promise<void> {
  await db
    .updateTable('programmes')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', programmeId)
    .execute();
}

export async function findProgrammes(db: Executor, workspaceId: string): Promise<Programme[]> {
  return await db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
}

export async function findProgrammeMembers(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<ProgrammeMember[]> {
  return await db
    .selectFrom('programme_members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .execute();
}

export async function findProgrammeMember(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  userId: string,
): Promise<ProgrammeMember | undefined> {
  return await db
    .selectFrom('programme_members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Creates the member row if needed and applies `changes`; returns the row as it now is. */
export async function upsertProgrammeMember(
  db: Executor,
  key: { workspaceId: string; programmeId: string; userId: string },
  changes: Partial<
    Pick<ProgrammeMember, 'status' | 'paused_until' | 'skip_next' | 'greeted_at' | 'team_override' | 'ghost_strikes'>
  >,
  now: Date,
): Promise<ProgrammeMember> {
  return await db
    .insertInto('programme_members')
    .values({
      workspace_id: key.workspaceId,
      programme_id: key.programmeId,
      user_id: key.userId,
      status: changes.status ?? 'active',
      paused_until: changes.paused_until ?? null,
      skip_next: changes.skip_next ?? false,
      greeted_at: changes.greeted_at ?? null,
      team_override: changes.team_override ?? null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['programme_id', 'user_id']).doUpdateSet({ ...changes, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBlocks(db: Executor, workspaceId: string): Promise<Array<[string, string]>> {
  const rows = await db
    .selectFrom('pairing_blocks')
    .select(['user_id', 'blocked_user_id'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => [r.user_id, r.blocked_user_id]);
}

/** Delivered groups of the workspace since `since`, as the matcher's history (any programme counts as meeting). */
export async function findMeetingHistory(
  db: Executor,
  workspaceId: string,
  since: string,
): Promise<Array<{ members: string[]; date: string }>> {
  const rows = await db
    .selectFrom('round_groups as g')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .select(['g.members', 'r.round_date'])
    .where('g.workspace_id', '=', workspaceId)
    .where('g.status', '=', 'delivered')
    .where('r.round_date', '>=', since)
    .execute();
  return rows.map((r) => ({ members: r.members, date: r.round_date }));
}

export async function findRound(db: Executor, workspaceId: string, roundId: string): Promise<Round | undefined> {
  return await db
    .selectFrom('rounds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', roundId)
    .executeTakeFirst();
}

export async function findRoundByDate(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  roundDate: string,
): Promise<Round | undefined> {
  return await db
    .selectFrom('rounds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('round_date', '=', roundDate)
    .executeTakeFirst();
}

export async function findLatestRound(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Round | undefined> {
  return await db
    .selectFrom('rounds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .orderBy('round_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRoundGroups(db: Executor, workspaceId: string, roundId: string): Promise<RoundGroup[]> {
  return await db
    .selectFrom('round_groups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .orderBy('deliver_at')
    .execute();
}

export async function findRoundGroup(
  db: Executor,
  workspaceId: string,
  groupId: string,
): Promise<RoundGroup | undefined> {
  return await db
    .selectFrom('round_groups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', groupId)
    .executeTakeFirst();
}

export async function findUnmatched(
  db: Executor,
  workspaceId: string,
  roundId: string,
): Promise<Array<{ userId: string; reason: string }>> {
  const rows = await db
    .selectFrom('round_unmatched')
    .select(['user_id', 'reason'])
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, reason: r.reason }));
}

export async function markGroupDelivered(
  db: Executor,
  row: { workspaceId: string; groupId: string; conversationId: string; ts: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('round_groups')
    .set({
      status: 'delivered',
      conversation_id: row.conversationId,
      intro_ts: row.ts,
      // The first delivery's time stays (a retried job records the intro again): check-ins copy it as they are written.
      delivered_at: sql<Date>`coalesce(delivered_at, ${now})`,
    })
    .where('workspace_id', '=', row.workspaceId)
    .where('id', '=', row.groupId)
    .execute();
}

export async function countGroupsByStatus(
  db: Executor,
  workspaceId: string,
  roundId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('round_groups')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function checkinCounts(
  db: Executor,
  workspaceId: string,
  roundId: string,
): Promise<Record<string, number>> {
  const rows = await sql<{ answer: string; n: number }>`
    select c.answer, count(distinct c.group_id)::int as n
    from round_checkins c join round_groups g on g.id = c.group_id
    where c.workspace_id = ${workspaceId} and g.round_id = ${roundId}
    group by c.answer`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.answer, r.n]));
}

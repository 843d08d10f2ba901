import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { RoundGroupsTable, RoundSwapsTable, RoundsTable, RoundUnmatchedTable } from '../schema-pairing.ts';
import type { Round, RoundGroup } from './pairing.ts';

type Executor = Kysely<Database>;
type GroupStatus = RoundGroupsTable['status'];

/** Locks a round row for the caller's transaction, so changes to one round never interleave. */
export async function lockRound(db: Executor, workspaceId: string, roundId: string): Promise<Round | undefined> {
  return await db
    .selectFrom('rounds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', roundId)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks the programme's latest round that is still running (awaiting approval, delivering or delivered). */
export async function lockRunningRound(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Pick<Round, 'id' | 'status'> | undefined> {
  return await db
    .selectFrom('rounds')
    .select(['id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['awaiting_approval', 'delivering', 'delivered'])
    .orderBy('round_date', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** Delivering or delivered rounds of a programme since a date, whose follow-ups may be due. */
export async function findRecentRounds(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  since: string,
): Promise<Round[]> {
  return await db
    .selectFrom('rounds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['delivering', 'delivered'])
    .where('round_date', '>=', since)
    .execute();
}

export async function findLastRoundNumber(db: Executor, workspaceId: string, programmeId: string): Promise<number> {
  const row = await db
    .selectFrom('rounds')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Inserts a round unless the programme already has one for that date; undefined when it had. */
export async function insertRoundIfMissing(db: Executor, round: Insertable<RoundsTable>): Promise<Round | undefined> {
  return await db
    .insertInto('rounds')
    .values(round)
    .onConflict((oc) => oc.columns(['programme_id', 'round_date']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateRound(
  db: Executor,
  workspaceId: string,
  roundId: string,
  changes: Updateable<RoundsTable>,
): Promise<void> {
  await db
    .updateTable('rounds')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', roundId)
    .execute();
}

/** Moves a round from one status to another; false when it was not in `from` (already moved on). */
export async function updateRoundStatus(
  db: Executor,
  workspaceId: string,
  roundId: string,
  from: RoundsTable['status'] | null,
  changes: Pick<Updateable<RoundsTable>, 'status' | 'approved_by'>,
): Promise<boolean> {
  let query = db.updateTable('rounds').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', roundId);
  if (from) query = query.where('status', '=', from);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A round's groups in storage order, optionally of some statuses only. */
export async function findGroupsOfRound(
  db: Executor,
  workspaceId: string,
  roundId: string,
  statuses?: GroupStatus[],
): Promise<RoundGroup[]> {
  let query = db
    .selectFrom('round_groups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId);
  if (statuses) query = query.where('status', 'in', statuses);
  return await query.execute();
}

/** The round's live group a person is still in (not cancelled, not dropped out of). */
export async function findGroupWithMember(
  db: Executor,
  workspaceId: string,
  roundId: string,
  userId: string,
): Promise<RoundGroup | undefined> {
  return await db
    .selectFrom('round_groups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .where('status', '!=', 'cancelled')
    .where(sql<boolean>`${userId} = any(members) and not (${userId} = any(dropped))`)
    .executeTakeFirst();
}

export async function findGroupDroppedBy(
  db: Executor,
  workspaceId: string,
  roundId: string,
  userId: string,
): Promise<{ id: string } | undefined> {
  return await db
    .selectFrom('round_groups')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .where(sql<boolean>`${userId} = any(dropped)`)
    .executeTakeFirst();
}

/** Who of a round's delivered groups answered the check-in, one row per person still in a group. */
export async function findCheckinAnswered(
  db: Executor,
  workspaceId: string,
  roundId: string,
): Promise<Array<{ user_id: string; answered: boolean }>> {
  const rows = await sql<{ user_id: string; answered: boolean }>`
    select m.user_id, exists (
      select 1 from round_checkins c where c.group_id = g.id and c.user_id = m.user_id
    ) as answered
    from round_groups g cross join lateral unnest(g.members) as m(user_id)
    where g.round_id = ${roundId} and g.workspace_id = ${workspaceId} and g.status = 'delivered'
      and not (m.user_id = any(g.dropped))`.execute(db);
  return rows.rows;
}

export async function insertRoundGroups(db: Executor, groups: Array<Insertable<RoundGroupsTable>>): Promise<void> {
  // An insert of no rows is invalid SQL.
  if (groups.length > 0) await db.insertInto('round_groups').values(groups).execute();
}

export async function insertRoundGroup(db: Executor, group: Insertable<RoundGroupsTable>): Promise<{ id: string }> {
  return await db.insertInto('round_groups').values(group).returning('id').executeTakeFirstOrThrow();
}

export async function updateRoundGroup(
  db: Executor,
  workspaceId: string,
  groupId: string,
  changes: Updateable<RoundGroupsTable>,
): Promise<void> {
  await db
    .updateTable('round_groups')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', groupId)
    .execute();
}

export async function deletePendingRoundGroups(db: Executor, workspaceId: string, roundId: string): Promise<void> {
  await db
    .deleteFrom('round_groups')
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .where('status', '=', 'pending')
    .execute();
}

export async function insertRoundUnmatched(
  db: Executor,
  unmatched: Array<Insertable<RoundUnmatchedTable>>,
): Promise<void> {
  if (unmatched.length > 0) await db.insertInto('round_unmatched').values(unmatched).execute();
}

export async function deleteRoundUnmatched(db: Executor, workspaceId: string, roundId: string): Promise<void> {
  await db
    .deleteFrom('round_unmatched')
    .where('workspace_id', '=', workspaceId)
    .where('round_id', '=', roundId)
    .execute();
}

/**
 * Locks the first person the round left unmatched who can stand in for `partner`: not rescued yet, still active in
 * the programme, and with no block either way between them.
 */
export async function lockStandbyFor(
  db: Executor,
  key: { workspaceId: string; programmeId: string; roundId: string; partner: string },
): Promise<{ user_id: string } | undefined> {
  return await db
    .selectFrom('round_unmatched as u')
    .select('u.user_id')
    .where('u.workspace_id', '=', key.workspaceId)
    .where('u.round_id', '=', key.roundId)
    .where('u.rescued_into', 'is', null)
    .where('u.user_id', '!=', key.partner)
    .where(sql<boolean>`not exists (
      select 1 from pairing_blocks b where b.workspace_id = ${key.workspaceId}
        and ((b.user_id = u.user_id and b.blocked_user_id = ${key.partner}) or (b.user_id = ${key.partner} and b.blocked_user_id = u.user_id)))`)
    .where(sql<boolean>`not exists (
      select 1 from programme_members pm where pm.workspace_id = ${key.workspaceId} and pm.programme_id = ${key.programmeId} and pm.user_id = u.user_id and pm.status <> 'active')`)
    .orderBy('u.user_id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function markUnmatchedRescued(
  db: Executor,
  key: { workspaceId: string; roundId: string; userId: string },
  groupId: string,
): Promise<void> {
  await db
    .updateTable('round_unmatched')
    .set({ rescued_into: groupId })
    .where('workspace_id', '=', key.workspaceId)
    .where('round_id', '=', key.roundId)
    .where('user_id', '=', key.userId)
    .execute();
}

export async function insertRoundSwap(db: Executor, swap: Insertable<RoundSwapsTable>): Promise<void> {
  await db.insertInto('round_swaps').values(swap).execute();
}

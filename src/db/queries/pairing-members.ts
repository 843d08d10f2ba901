import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { ProgrammeMembersTable } from '../schema-pairing.ts';

type Executor = Kysely<Database>;
type MemberKey = { workspaceId: string; programmeId: string };

/** Member rows for people the programme has not seen yet; existing rows are left as they are. */
export async function insertProgrammeMembersIfMissing(
  db: Executor,
  rows: Array<Insertable<ProgrammeMembersTable>>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('programme_members')
    .values(rows)
    .onConflict((oc) => oc.columns(['programme_id', 'user_id']).doNothing())
    .execute();
}

/** One more round owed to someone left alone, creating their member row if needed. */
export async function addUnmatchedDebt(db: Executor, key: MemberKey & { userId: string }, now: Date): Promise<void> {
  await db
    .insertInto('programme_members')
    .values({
      workspace_id: key.workspaceId,
      programme_id: key.programmeId,
      user_id: key.userId,
      status: 'active',
      unmatched_debt: 1,
      team_override: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['programme_id', 'user_id'])
        .doUpdateSet((eb) => ({ unmatched_debt: eb('programme_members.unmatched_debt', '+', 1) })),
    )
    .execute();
}

export async function incrementDebt(
  db: Executor,
  key: MemberKey & { userId: string },
  kind: 'trio' | 'unmatched',
): Promise<void> {
  const query = db.updateTable('programme_members');
  await (kind === 'trio'
    ? query.set((eb) => ({ trio_debt: eb('trio_debt', '+', 1) }))
    : query.set((eb) => ({ unmatched_debt: eb('unmatched_debt', '+', 1) }))
  )
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', '=', key.userId)
    .execute();
}

/** Moves a member's debts by a delta, never below zero. */
export async function adjustDebts(
  db: Executor,
  key: MemberKey & { userId: string },
  delta: { trio: number; unmatched: number },
): Promise<void> {
  await db
    .updateTable('programme_members')
    .set({
      trio_debt: sql<number>`greatest(0, trio_debt + ${delta.trio})`,
      unmatched_debt: sql<number>`greatest(0, unmatched_debt + ${delta.unmatched})`,
    })
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', '=', key.userId)
    .execute();
}

export async function clearSkipNext(db: Executor, key: MemberKey): Promise<void> {
  await db
    .updateTable('programme_members')
    .set({ skip_next: false })
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('skip_next', '=', true)
    .execute();
}

export async function resetGhostStrikes(
  db: Executor,
  key: MemberKey & { roundId: string },
  userIds: string[],
): Promise<void> {
  await db
    .updateTable('programme_members')
    .set({ ghost_strikes: 0, ghost_round_id: key.roundId })
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', 'in', userIds)
    .execute();
}

/** One strike per round: a member already struck for this round is left alone. */
export async function addGhostStrike(
  db: Executor,
  key: MemberKey & { roundId: string },
  userIds: string[],
): Promise<void> {
  await db
    .updateTable('programme_members')
    .set((eb) => ({ ghost_strikes: eb('ghost_strikes', '+', 1), ghost_round_id: key.roundId }))
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', 'in', userIds)
    .where((eb) => eb.or([eb('ghost_round_id', 'is', null), eb('ghost_round_id', '!=', key.roundId)]))
    .execute();
}

/** Pauses, until resumed, active members with at least `strikes` strikes. */
export async function pauseStruckMembers(
  db: Executor,
  key: MemberKey,
  userIds: string[],
  strikes: number,
): Promise<void> {
  await db
    .updateTable('programme_members')
    .set({ status: 'paused', paused_until: null })
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', 'in', userIds)
    .where('ghost_strikes', '>=', strikes)
    .where('status', '=', 'active')
    .execute();
}

export async function findGhostStrikes(
  db: Executor,
  key: MemberKey,
  userIds: string[],
): Promise<Array<{ user_id: string; ghost_strikes: number }>> {
  return await db
    .selectFrom('programme_members')
    .select(['user_id', 'ghost_strikes'])
    .where('workspace_id', '=', key.workspaceId)
    .where('programme_id', '=', key.programmeId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function insertBlock(
  db: Executor,
  block: { workspaceId: string; userId: string; blockedUserId: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('pairing_blocks')
    .values({
      workspace_id: block.workspaceId,
      user_id: block.userId,
      blocked_user_id: block.blockedUserId,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'blocked_user_id']).doNothing())
    .execute();
}

export async function deleteBlock(
  db: Executor,
  block: { workspaceId: string; userId: string; blockedUserId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('pairing_blocks')
    .where('workspace_id', '=', block.workspaceId)
    .where('user_id', '=', block.userId)
    .where('blocked_user_id', '=', block.blockedUserId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Blocks set by any of these people. */
export async function findBlocksBy(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Array<{ user_id: string; blocked_user_id: string }>> {
  return await db
    .selectFrom('pairing_blocks')
    .select(['user_id', 'blocked_user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
}

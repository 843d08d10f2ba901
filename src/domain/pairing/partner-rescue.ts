import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type DropOutcome =
  /** `alreadyOut`: they dropped out of the running round's group before, so this changes nothing. */
  | { dropped: false; alreadyOut: boolean }
  | {
      dropped: true;
      roundId: string;
      roundDelivering: boolean;
      /** A new group for a partner left alone, made with someone from the round's standby pool. */
      rescueGroupId: string | null;
      /** A partner left alone with nobody free to meet: tell them, and favour them next round. */
      strandedUserId: string | null;
    };

/**
 * A late skip: the person leaves their group in the current round. If that leaves a partner alone, the partner
 * is matched the same day with someone the round had left unmatched (never someone either of them blocked);
 * with nobody free, the partner is told and goes first next time. Each step is guarded by the row it changes,
 * so repeating the skip changes nothing.
 */
export async function dropFromCurrentRound(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
): Promise<DropOutcome> {
  return await db.transaction().execute(async (trx) => {
    const round = await trx
      .selectFrom('rounds')
      .select(['id', 'status'])
      .where('workspace_id', '=', input.workspaceId)
      .where('programme_id', '=', input.programmeId)
      .where('status', 'in', ['awaiting_approval', 'delivering', 'delivered'])
      .orderBy('round_date', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!round) return { dropped: false, alreadyOut: false };
    const group = await trx
      .selectFrom('round_groups')
      .selectAll()
      .where('round_id', '=', round.id)
      .where('status', '!=', 'cancelled')
      .where(sql<boolean>`${input.userId} = any(members) and not (${input.userId} = any(dropped))`)
      .executeTakeFirst();
    if (!group) {
      const left = await trx
        .selectFrom('round_groups')
        .select('id')
        .where('round_id', '=', round.id)
        .where(sql<boolean>`${input.userId} = any(dropped)`)
        .executeTakeFirst();
      return { dropped: false, alreadyOut: left !== undefined };
    }
    const dropped = [...group.dropped, input.userId];
    const remaining = group.members.filter((m) => !dropped.includes(m));
    if (group.status === 'pending') {
      // Not introduced yet: the intro simply goes to whoever is left, or to nobody. `dropped` remembers who left,
      // so a repeated skip is known for what it is.
      await trx
        .updateTable('round_groups')
        .set(remaining.length >= 2 ? { members: remaining, dropped } : { status: 'cancelled', dropped })
        .where('id', '=', group.id)
        .execute();
    } else {
      await trx.updateTable('round_groups').set({ dropped }).where('id', '=', group.id).execute();
    }
    const base = { dropped: true as const, roundId: round.id, roundDelivering: round.status !== 'awaiting_approval' };
    if (remaining.length !== 1) return { ...base, rescueGroupId: null, strandedUserId: null };
    const partner = remaining[0]!;
    const standby = await trx
      .selectFrom('round_unmatched as u')
      .select('u.user_id')
      .where('u.round_id', '=', round.id)
      .where('u.rescued_into', 'is', null)
      .where('u.user_id', '!=', partner)
      .where(sql<boolean>`not exists (
        select 1 from pairing_blocks b where b.workspace_id = ${input.workspaceId}
          and ((b.user_id = u.user_id and b.blocked_user_id = ${partner}) or (b.user_id = ${partner} and b.blocked_user_id = u.user_id)))`)
      .where(sql<boolean>`not exists (
        select 1 from programme_members pm where pm.programme_id = ${input.programmeId} and pm.user_id = u.user_id and pm.status <> 'active')`)
      .orderBy('u.user_id')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!standby) {
      await trx
        .insertInto('programme_members')
        .values({
          workspace_id: input.workspaceId,
          programme_id: input.programmeId,
          user_id: partner,
          status: 'active',
          unmatched_debt: 1,
          team_override: null,
          updated_at: input.now,
        })
        .onConflict((oc) =>
          oc
            .columns(['programme_id', 'user_id'])
            .doUpdateSet((eb) => ({ unmatched_debt: eb('programme_members.unmatched_debt', '+', 1) })),
        )
        .execute();
      return { ...base, rescueGroupId: null, strandedUserId: partner };
    }
    const rescue = await trx
      .insertInto('round_groups')
      .values({
        workspace_id: input.workspaceId,
        round_id: round.id,
        members: [partner, standby.user_id],
        why: 'a new partner for this round: the first match had to skip',
        deliver_at: input.now,
        status: 'pending',
        rescue_of: group.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('round_unmatched')
      .set({ rescued_into: rescue.id })
      .where('round_id', '=', round.id)
      .where('user_id', '=', standby.user_id)
      .execute();
    return { ...base, rescueGroupId: rescue.id, strandedUserId: null };
  });
}

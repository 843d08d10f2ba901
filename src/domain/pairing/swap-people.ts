import type { Db } from '../../db/database.ts';
import { findProgramme } from '../../db/queries/pairing.ts';
import { findBlocksBy } from '../../db/queries/pairing-members.ts';
import { findGroupsOfRound, insertRoundSwap, updateRoundGroup } from '../../db/queries/pairing-rounds.ts';
import { lockRoundAwaitingApproval } from './lock-round.ts';

export type SwapRefusal =
  | { reason: 'not_found' | 'not_awaiting_approval' | 'same_person' | 'same_group' }
  | { reason: 'not_in_round'; userId: string }
  /** The swap would group two people who may not meet; which two, and why, stays unsaid (a block is confidential). */
  | { reason: 'not_allowed' }
  | { reason: 'same_team'; pair: [string, string]; team: string };

export type SwapResult = { ok: true; groupIds: [string, string] } | ({ ok: false } & SwapRefusal);

/** What the intro says about a group an approver made by hand. */
export const swappedWhy = 'picked by an organiser for this round';

/**
 * Approval mode's "swap": before anything is sent, an approver trades two people between their groups. The
 * groups keep their ids (each intro is keyed by its group), so delivery sends each rearranged group exactly
 * once; the swap is recorded in round_swaps. Refused, in a cross-team programme, if it would put two people of
 * one team together (the team is named: teams are no secret), and if it would put together two people one of whom
 * blocked the other (nobody is named: the refusal must not tell the approver that a block exists between them).
 * The team rule is checked first, so a swap that breaks both gets the team's reason, and the bare refusal never
 * stands out. The round row is locked, so a swap and an approval never interleave.
 */
export async function swapPeople(
  db: Db,
  input: { workspaceId: string; roundId: string; userA: string; userB: string; swappedBy: string; now: Date },
): Promise<SwapResult> {
  if (input.userA === input.userB) return { ok: false, reason: 'same_person' };
  return await db.transaction().execute(async (trx) => {
    const locked = await lockRoundAwaitingApproval(trx, input.workspaceId, input.roundId);
    if (!locked.ok) return locked;
    const { round } = locked;
    const groups = await findGroupsOfRound(trx, input.workspaceId, round.id, ['pending']);
    const groupA = groups.find((g) => g.members.includes(input.userA));
    const groupB = groups.find((g) => g.members.includes(input.userB));
    if (!groupA) return { ok: false, reason: 'not_in_round', userId: input.userA } as const;
    if (!groupB) return { ok: false, reason: 'not_in_round', userId: input.userB } as const;
    if (groupA.id === groupB.id) return { ok: false, reason: 'same_group' } as const;
    const newA = groupA.members.map((m) => (m === input.userA ? input.userB : m));
    const newB = groupB.members.map((m) => (m === input.userB ? input.userA : m));
    // Only the pairs the swap creates: each mover with the others of their new group.
    const newPairs: Array<[string, string]> = [
      ...newA.filter((m) => m !== input.userB).map((m) => [input.userB, m] as [string, string]),
      ...newB.filter((m) => m !== input.userA).map((m) => [input.userA, m] as [string, string]),
    ];
    const programme = await findProgramme(trx, input.workspaceId, round.programme_id);
    if (programme?.kind === 'cross-team') {
      const teamOf = new Map((Array.isArray(round.pool) ? round.pool : []).map((p) => [p.userId, p.team]));
      const clash = newPairs.find(([x, y]) => teamOf.get(x) != null && teamOf.get(x) === teamOf.get(y));
      if (clash) return { ok: false, reason: 'same_team', pair: clash, team: teamOf.get(clash[0])! } as const;
    }
    const blocks = await findBlocksBy(trx, input.workspaceId, [input.userA, input.userB, ...newA, ...newB]);
    const blocked = newPairs.some(([x, y]) =>
      blocks.some((b) => (b.user_id === x && b.blocked_user_id === y) || (b.user_id === y && b.blocked_user_id === x)),
    );
    if (blocked) return { ok: false, reason: 'not_allowed' } as const;
    for (const [group, members] of [
      [groupA, newA],
      [groupB, newB],
    ] as const) {
      await updateRoundGroup(trx, input.workspaceId, group.id, { members, why: swappedWhy });
    }
    await insertRoundSwap(trx, {
      workspace_id: input.workspaceId,
      round_id: round.id,
      user_a: input.userA,
      user_b: input.userB,
      group_a: groupA.id,
      group_b: groupB.id,
      swapped_by: input.swappedBy,
      swapped_at: input.now,
    });
    return { ok: true, groupIds: [groupA.id, groupB.id] } as const;
  });
}

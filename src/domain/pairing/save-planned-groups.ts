import type { Db } from '../../db/database.ts';
import { insertRoundGroups, insertRoundUnmatched } from '../../db/queries/pairing-rounds.ts';
import type { RoundPlan } from './plan-round.ts';

/** Writes a matching's groups (pending delivery) and its unmatched people, with their reasons, under a round. */
export async function savePlannedGroups(
  trx: Db,
  round: { workspaceId: string; roundId: string },
  plan: Pick<RoundPlan, 'groups' | 'unmatched'>,
): Promise<void> {
  const key = { workspace_id: round.workspaceId, round_id: round.roundId };
  const groups = plan.groups.map((g) => ({
    ...key,
    members: g.members,
    why: g.why,
    deliver_at: g.deliverAt,
    status: 'pending' as const,
  }));
  const unmatched = plan.unmatched.map((u) => ({ ...key, user_id: u.userId, reason: u.reason }));
  await insertRoundGroups(trx, groups);
  await insertRoundUnmatched(trx, unmatched);
}

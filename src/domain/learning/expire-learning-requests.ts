import type { Db } from '../../db/database.ts';
import {
  expireOpenLearningRequests,
  expireLearningRequests as expireQuery,
  findLearningRequestsToRedrive,
  findOpenLearningRequests,
} from '../../db/queries/learning-requests.ts';
import { findAwayPeople } from '../directory/away-people.ts';

/** A request the expert has not answered in this long closes, and the asker is offered the next person. */
export const learningRequestLifetimeMs = 72 * 60 * 60 * 1000;

/**
 * Closes the workspace's requests open for 72 hours or more, and those whose expert's Slack status says they are away
 * (the asker should not wait out someone's holiday). Both close as expired, so the asker hears the same words either
 * way and the away expert is told nothing. Returns every request still owed something: the open
 * ones (their DM) and the closed ones whose asker was not yet offered the next person, so a lost job is made good.
 */
export async function expireLearningRequests(
  db: Db,
  input: { workspaceId: string; now: Date },
): Promise<{ expired: number; handoffs: string[]; open: string[] }> {
  const cutoff = new Date(input.now.getTime() - learningRequestLifetimeMs);
  const expired = await expireQuery(db, input.workspaceId, cutoff, input.now);
  const open = await findOpenLearningRequests(db, input.workspaceId);
  const away = await findAwayPeople(db, {
    workspaceId: input.workspaceId,
    userIds: [...new Set(open.map((r) => r.expert_id))],
    now: input.now,
  });
  const waitingOnAway = open.filter((r) => away.has(r.expert_id)).map((r) => r.id);
  expired.push(...(await expireOpenLearningRequests(db, input.workspaceId, waitingOnAway, input.now)));
  const owed = await findLearningRequestsToRedrive(db, input.workspaceId);
  return {
    expired: expired.length,
    handoffs: owed.filter((r) => r.status !== 'open').map((r) => r.id),
    open: owed.filter((r) => r.status === 'open').map((r) => r.id),
  };
}

import type { Db } from '../../db/database.ts';
import { findOpenLearningRequestsOf } from '../../db/queries/learning-requests.ts';
import type { LearningRequestKind } from '../../db/schema-learning.ts';
import { learningRequestLifetimeMs } from './expire-learning-requests.ts';

export interface LearningHomeRequest {
  id: string;
  askerId: string;
  expertId: string;
  skill: string;
  kind: LearningRequestKind;
  proposedDate: string | null;
  expiresAt: Date;
}

/** A person's open learning requests: those waiting on their answer, and those they wait on. */
export interface LearningHomeSummary {
  received: LearningHomeRequest[];
  sent: LearningHomeRequest[];
}

/** More than a Home tab lists; the rest are counted, never loaded. */
const maxRead = 20;

/**
 * Only open requests: a declined one simply leaves the asker's list, as an expired one does, and the asker's next
 * suggestions arrive by DM, so the Home never tells a decline from an expiry. A request past its 72 hours that the
 * hourly job has not closed yet is no longer listed.
 */
export async function learningHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date },
): Promise<LearningHomeSummary> {
  const since = new Date(input.now.getTime() - learningRequestLifetimeMs);
  const rows = await findOpenLearningRequestsOf(db, input.workspaceId, input.userId, since, maxRead);
  const summary: LearningHomeSummary = { received: [], sent: [] };
  for (const r of rows) {
    const request: LearningHomeRequest = {
      id: r.id,
      askerId: r.asker_id,
      expertId: r.expert_id,
      skill: r.skill,
      kind: r.kind,
      proposedDate: r.proposed_date,
      expiresAt: new Date(r.requested_at.getTime() + learningRequestLifetimeMs),
    };
    if (r.expert_id === input.userId) summary.received.push(request);
    else summary.sent.push(request);
  }
  return summary;
}

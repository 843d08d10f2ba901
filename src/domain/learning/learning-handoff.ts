import type { Db } from '../../db/database.ts';
import {
  findAsksMeAbout,
  findLearningRequest,
  type LearningRequestRow,
  markLearningRequestHandedOff,
} from '../../db/queries/learning-requests.ts';
import { type ExpertSuggestionsResult, expertSuggestions } from './expert-suggestions.ts';

export type LearningHandoffPlan =
  | { kind: 'nothing'; reason: string }
  | { kind: 'offer'; request: LearningRequestRow; suggestions: Extract<ExpertSuggestionsResult, { ok: true }> };

/**
 * What the asker of a declined or expired request hears: their next suggestions for the same skill, the same words
 * either way. A colleague the expert suggested comes first, but only if they list the skill under *ask me about*
 * and are free like anyone else; otherwise the asker simply gets their next suggestions.
 */
export async function planLearningHandoff(
  db: Db,
  input: { workspaceId: string; requestId: string; suggestedId?: string | undefined; now: Date },
): Promise<LearningHandoffPlan> {
  const request = await findLearningRequest(db, input.workspaceId, input.requestId);
  if (!request) return { kind: 'nothing', reason: 'request not found' };
  if (request.status !== 'declined' && request.status !== 'expired') {
    return { kind: 'nothing', reason: `request ${request.status}` };
  }
  if (request.handed_off_at) return { kind: 'nothing', reason: 'already handed off' };
  const preferred =
    input.suggestedId && (await findAsksMeAbout(db, input.workspaceId, input.suggestedId, request.skill_key))
      ? input.suggestedId
      : undefined;
  const suggestions = await expertSuggestions(db, {
    workspaceId: input.workspaceId,
    askerId: request.asker_id,
    skill: request.skill,
    now: input.now,
    preferred,
  });
  if (!suggestions.ok) return { kind: 'nothing', reason: suggestions.refused };
  return { kind: 'offer', request, suggestions };
}

export async function recordLearningHandoff(
  db: Db,
  input: { workspaceId: string; requestId: string; now: Date },
): Promise<void> {
  await markLearningRequestHandedOff(db, input.workspaceId, input.requestId, input.now);
}

/** A request as its DM and answers need it; undefined when it is not in this workspace. */
export async function learningRequestDetails(
  db: Db,
  input: { workspaceId: string; requestId: string },
): Promise<LearningRequestRow | undefined> {
  return await findLearningRequest(db, input.workspaceId, input.requestId);
}

import type { Db } from '../../db/database.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import {
  findMentorshipRequest,
  findOpenMentorshipRequests,
  findRequestsAwaitingHandoff,
  markRequestsHandedOff,
} from '../../db/queries/mentorship-requests.ts';
import { type MentorChoicesResult, mentorChoices } from './mentor-choice.ts';

/**
 * A mentee moves on when a request closes without a mentor (declined or expired, which read alike) or when the
 * mentor they asked turns out to be full. Several such requests waiting together are answered by one message, keyed
 * by the first of them, so two hand-offs racing for the same mentee post the same message once.
 */
export type HandoffPlan =
  | { kind: 'nothing'; reason: 'gone' | 'not_closed' | 'done' }
  /** The mentee has a mentor meanwhile (or is no longer a mentee): nothing to offer, the requests are done. */
  | { kind: 'settled'; requestIds: string[] }
  | {
      kind: 'offer';
      programmeId: string;
      menteeId: string;
      /** The request whose id keys the message: the first to close of those answered together. */
      keyRequestId: string;
      requestIds: string[];
      choices: Extract<MentorChoicesResult, { ok: true }>;
    };

export async function planHandoff(
  db: Db,
  input: { workspaceId: string; requestId: string; now: Date },
): Promise<HandoffPlan> {
  const trigger = await findMentorshipRequest(db, input.workspaceId, input.requestId);
  if (!trigger) return { kind: 'nothing', reason: 'gone' };
  if (trigger.status === 'accepted' || trigger.status === 'withdrawn') return { kind: 'nothing', reason: 'not_closed' };
  const of = { programmeId: trigger.programme_id, menteeId: trigger.mentee_id };
  const waiting = await findRequestsAwaitingHandoff(db, input.workspaceId, of);
  // An open request is handed off only when its mentor turned out full (the mentee still waits on it).
  const batch = trigger.status === 'open' && trigger.handed_off_at === null ? [...waiting, trigger] : waiting;
  if (batch.length === 0) return { kind: 'nothing', reason: 'done' };
  const requestIds = batch.map((r) => r.id);
  const matched = (await findActiveMentorshipPairs(db, input.workspaceId, of.programmeId)).some(
    (p) => p.mentee_id === of.menteeId,
  );
  if (matched) return { kind: 'settled', requestIds };
  const choices = await mentorChoices(db, { workspaceId: input.workspaceId, ...of, now: input.now });
  if (!choices.ok) return { kind: 'settled', requestIds };
  return { kind: 'offer', ...of, keyRequestId: batch[0]!.id, requestIds, choices };
}

/** The mentee has been offered their next suggestion (or no longer needs one) for these requests. */
export async function recordHandoff(
  db: Db,
  input: { workspaceId: string; requestIds: string[]; now: Date },
): Promise<void> {
  await markRequestsHandedOff(db, input.workspaceId, input.requestIds, input.now);
}

/**
 * What the hourly requests job re-drives so that no lost job loses a message: every open request (its mentor's DM)
 * and, per mentee, the first request still awaiting its hand-off.
 */
export async function requestsToRedrive(
  db: Db,
  input: { workspaceId: string },
): Promise<{ open: string[]; handoffs: string[] }> {
  const open = (await findOpenMentorshipRequests(db, input.workspaceId)).map((r) => r.id);
  const firstByMentee = new Map<string, string>();
  for (const r of await findRequestsAwaitingHandoff(db, input.workspaceId)) {
    const mentee = `${r.programme_id}:${r.mentee_id}`;
    if (!firstByMentee.has(mentee)) firstByMentee.set(mentee, r.id);
  }
  return { open, handoffs: [...firstByMentee.values()] };
}

import type { Db } from '../../db/database.ts';
import { findCheckinsOfActivePairs } from '../../db/queries/mentorship-checkins.ts';
import { findMentorshipPairsAwaitingEndNotice } from '../../db/queries/mentorship-pair-lifecycle.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findUnfinishedRematches } from '../../db/queries/mentorship-rematch.ts';
import { toldEndReasons } from './end-notice.ts';
import { endPairsAfterFeedback, feedbackAskedByPair } from './feedback.ts';
import { endIdlePairs } from './idle.ts';
import { cycleOver, dueCheckinNumber, dueIdleStep, idleSince } from './pair-timeline.ts';

/** How far back the sweep looks for an end notice that never went out (older ones are left alone). */
const endNoticeLookbackMillis = 7 * 24 * 3600 * 1000;

export interface MentorshipDueWork {
  checkins: Array<{ pairId: string; number: number }>;
  fitChecks: string[];
  idleNotices: Array<{ pairId: string; notice: 'nudge' | 'warn'; since: Date }>;
  feedbackAsks: string[];
  endNotices: string[];
  rematches: string[];
}

/**
 * One pass over a programme's pairs at `now`: ends the pairs whose time is up (an idle warning run out, a feedback
 * stretch closed), and lists every message that is due and not yet recorded as sent. Everything is read from
 * Postgres, so a pass after a Redis flush or a long outage finds exactly what is still owed, and a second pass
 * finds the same (the jobs it queues have deterministic ids, and each checks again before it sends).
 */
export async function sweepMentorshipProgramme(
  db: Db,
  input: { workspaceId: string; programmeId: string; now: Date },
): Promise<MentorshipDueWork> {
  const { workspaceId, programmeId, now } = input;
  const before = await findActiveMentorshipPairs(db, workspaceId, programmeId);
  await endIdlePairs(db, { workspaceId, pairs: before, now });
  await endPairsAfterFeedback(db, {
    workspaceId,
    pairs: before,
    asked: await feedbackAskedByPair(db, { workspaceId, programmeId }),
    now,
  });

  const pairs = await findActiveMentorshipPairs(db, workspaceId, programmeId);
  const sent = new Set(
    (await findCheckinsOfActivePairs(db, workspaceId, programmeId)).map((c) => `${c.pair_id}.${c.number}.${c.user_id}`),
  );
  const asked = await feedbackAskedByPair(db, { workspaceId, programmeId });
  const work: MentorshipDueWork = {
    checkins: [],
    fitChecks: [],
    idleNotices: [],
    feedbackAsks: [],
    endNotices: [],
    rematches: [],
  };
  for (const pair of pairs) {
    const people = [pair.mentor_id, pair.mentee_id];
    const number = dueCheckinNumber(pair, now);
    if (number > 0 && people.some((userId) => !sent.has(`${pair.id}.${number}.${userId}`)))
      work.checkins.push({ pairId: pair.id, number });
    if (pair.first_met_at && !pair.fit_checked_at) work.fitChecks.push(pair.id);
    const idle = dueIdleStep(pair, now);
    if (idle === 'nudge' || idle === 'warn')
      work.idleNotices.push({ pairId: pair.id, notice: idle, since: idleSince(pair) });
    if (cycleOver(pair, now) && people.some((userId) => !asked.get(pair.id)?.users.has(userId)))
      work.feedbackAsks.push(pair.id);
  }
  const since = new Date(now.getTime() - endNoticeLookbackMillis);
  work.endNotices = (
    await findMentorshipPairsAwaitingEndNotice(db, workspaceId, programmeId, toldEndReasons, since)
  ).map((p) => p.id);
  work.rematches = await findUnfinishedRematches(db, workspaceId, programmeId);
  return work;
}

import type { MentorshipPairRow } from '../../db/queries/mentorship-pairs.ts';

/**
 * When each step of a pair's life falls due, from the pair's own dates alone, so a sweep that runs late, twice or
 * after a Redis flush finds the same answer.
 */

const day = 24 * 3600 * 1000;

export const checkinEveryMillis = 14 * day;
/** A quiet stretch this long earns a gentle nudge, once per stretch. */
export const idleNudgeMillis = 28 * day;
/** A quiet stretch this long earns the warning that the pair will end… */
export const idleWarnMillis = 90 * day;
/** …and it ends this long after the warning, unless a meeting is recorded in between. */
export const idleEndGraceMillis = 7 * day;
/** How long after the cycle's end people have to give feedback; whoever is silent by then does not continue. */
export const feedbackWindowMillis = 7 * day;

type PairDates = Pick<
  MentorshipPairRow,
  'status' | 'started_at' | 'ends_at' | 'last_met_at' | 'first_met_at' | 'idle_nudged_at' | 'end_warned_at'
>;

/** Whether the cycle has ended by `now`: the pair is then in its feedback stretch, with no check-ins or idle steps. */
export function cycleOver(pair: PairDates, now: Date): boolean {
  return pair.ends_at !== null && now.getTime() >= pair.ends_at.getTime();
}

/**
 * The check-in due now: 1 two weeks after the start, 2 at four weeks, … (0 before the first). Only the latest is
 * sent: a check-in missed while Nudge was down would ask about the same weeks as the one due now.
 */
export function dueCheckinNumber(pair: PairDates, now: Date): number {
  if (pair.status !== 'active' || cycleOver(pair, now)) return 0;
  return Math.max(0, Math.floor((now.getTime() - pair.started_at.getTime()) / checkinEveryMillis));
}

/** The date a check-in asks about: "did you meet since …", the previous check-in (or the start). */
export function checkinSince(pair: Pick<MentorshipPairRow, 'started_at'>, number: number): Date {
  return new Date(pair.started_at.getTime() + (number - 1) * checkinEveryMillis);
}

/** Where the current quiet stretch began: the last recorded meeting, or the start. */
export function idleSince(pair: PairDates): Date {
  return pair.last_met_at ?? pair.started_at;
}

export type IdleStep = 'nudge' | 'warn' | 'end';

/** The idle step due now, if any; each happens once per quiet stretch, and a meeting starts a new stretch. */
export function dueIdleStep(pair: PairDates, now: Date): IdleStep | undefined {
  if (pair.status !== 'active' || cycleOver(pair, now)) return undefined;
  const since = idleSince(pair).getTime();
  const quiet = now.getTime() - since;
  const warned = pair.end_warned_at !== null && pair.end_warned_at.getTime() >= since;
  if (warned) return now.getTime() - pair.end_warned_at!.getTime() >= idleEndGraceMillis ? 'end' : undefined;
  // A cycle that ends before a warning would run out ends anyway, with feedback instead of a warning.
  const cycleEndsFirst = pair.ends_at !== null && pair.ends_at.getTime() <= now.getTime() + idleEndGraceMillis;
  if (quiet >= idleWarnMillis && !cycleEndsFirst) return 'warn';
  const nudged = pair.idle_nudged_at !== null && pair.idle_nudged_at.getTime() >= since;
  if (quiet >= idleNudgeMillis && !nudged) return 'nudge';
  return undefined;
}

/** When an idle pair that was warned at `warnedAt` ends. */
export function idleEndsAt(warnedAt: Date): Date {
  return new Date(warnedAt.getTime() + idleEndGraceMillis);
}

/**
 * When the feedback stretch closes: a week after both people were asked (never before a week after the cycle's end),
 * so a request that went out late, after an outage, still leaves a full week. Undefined until both were asked.
 */
export function feedbackClosesAt(
  pair: Pick<MentorshipPairRow, 'ends_at'>,
  asked: { people: number; lastAskedAt: Date } | undefined,
): Date | undefined {
  if (!pair.ends_at || !asked || asked.people < 2) return undefined;
  return new Date(Math.max(pair.ends_at.getTime(), asked.lastAskedAt.getTime()) + feedbackWindowMillis);
}

export function pairPeople(pair: Pick<MentorshipPairRow, 'mentor_id' | 'mentee_id'>): [string, string] {
  return [pair.mentor_id, pair.mentee_id];
}

export function partnerOf(pair: Pick<MentorshipPairRow, 'mentor_id' | 'mentee_id'>, userId: string): string {
  return pair.mentor_id === userId ? pair.mentee_id : pair.mentor_id;
}

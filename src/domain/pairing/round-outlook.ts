import type { Db } from '../../db/database.ts';
import type { Programme, RoundGroup } from '../../db/queries/pairing.ts';
import { findCurrentGroup, findRoundsFrom, type RoundProgress } from '../../db/queries/pairing-outlook.ts';
import { addDaysToDate, isRoundDate, localDate, type RoundCalendarInput } from './round-calendar.ts';

export type { RoundProgress } from '../../db/queries/pairing-outlook.ts';

/** A round whose intros have all gone out (or that is over); one awaiting approval or still sending is to come. */
export function hasRun(round: Pick<RoundProgress, 'status' | 'pending'>): boolean {
  if (round.status === 'closed' || round.status === 'cancelled') return true;
  return round.status !== 'awaiting_approval' && round.pending === 0;
}

/**
 * Pure: the first date from `today` on on which the programme will really pair people: a round date of its calendar,
 * after the day it started (the hourly tick never runs a round on a programme's first day), and not one whose round
 * already ran (today's, after `/coffee run`, say).
 */
export function upcomingRoundDate(input: {
  calendar: RoundCalendarInput;
  timeZone: string;
  today: string;
  startedOn: string;
  made: ReadonlyArray<Pick<RoundProgress, 'roundDate' | 'status' | 'pending'>>;
}): string | null {
  for (let i = 0; i < 70; i += 1) {
    const date = addDaysToDate(input.today, i);
    if (date <= input.startedOn || !isRoundDate(input.calendar, date, input.timeZone)) continue;
    const round = input.made.find((r) => r.roundDate === date);
    if (round && hasRun(round)) continue;
    return date;
  }
  return null;
}

export interface RoundOutlook {
  /** Today's round (in the workspace's calendar), when one was made. */
  today: RoundProgress | null;
  /** The next round that will pair people; null while the programme is paused. */
  next: string | null;
}

/** What a programme has done today and when it next pairs people, as `/coffee status` and `/coffee run` tell it. */
export async function roundOutlook(
  db: Db,
  input: { workspaceId: string; programme: Programme; timeZone: string; now: Date },
): Promise<RoundOutlook> {
  const { programme, timeZone } = input;
  const today = localDate(input.now, timeZone);
  const made = await findRoundsFrom(db, input.workspaceId, programme.id, today);
  const next =
    programme.status === 'active'
      ? upcomingRoundDate({
          calendar: { frequency: programme.frequency, weekday: programme.weekday, createdAt: programme.created_at },
          timeZone,
          today,
          startedOn: localDate(programme.created_at, timeZone),
          made,
        })
      : null;
  return { today: made.find((r) => r.roundDate === today) ?? null, next };
}

/** The group someone was introduced to in the running round; none once they skipped out of it or left. */
export async function currentGroupOf(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string },
): Promise<RoundGroup | undefined> {
  return await findCurrentGroup(db, input.workspaceId, input.programmeId, input.userId);
}

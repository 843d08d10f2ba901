import { localDate } from '../../domain/pairing/round-calendar.ts';
import type { RoundProgress } from '../../domain/pairing/round-outlook.ts';
import { plural } from '../../domain/text/english.ts';
import { zonedTimeToInstant } from '../../domain/time/zoned-time.ts';

/** What `/coffee status` and `/coffee run` say about a programme's rounds, in the person's own time zone. */

/** A moment as the person reads it: "Monday 14 Dec, 09:00". */
function inZone(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The next round that will run, at the programme's send hour in the person's time zone. */
export function nextRoundLine(input: { next: string | null; sendHour: number; zone: string }): string {
  if (input.next === null) return 'Next round: none while this programme is paused.';
  const [year, month, day] = input.next.split('-').map(Number) as [number, number, number];
  const at = zonedTimeToInstant({ year, month, day, hour: input.sendHour }, input.zone);
  return `Next round: *${inZone(at, input.zone)}* (your time).`;
}

/** Today's round, already made: when, how many groups, and whether its intros are out. */
export function todaysRoundLine(input: {
  round: Pick<RoundProgress, 'status' | 'createdAt' | 'groups' | 'pending'>;
  now: Date;
  zone: string;
}): string {
  const { round, zone } = input;
  // A round made a day ahead was matched yesterday: say the day too, so the time is not read as today's.
  const when =
    localDate(round.createdAt, zone) === localDate(input.now, zone)
      ? new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(round.createdAt)
      : inZone(round.createdAt, zone);
  const groups = plural(round.groups, 'group');
  if (round.status === 'awaiting_approval')
    return `Today’s round was matched at ${when} your time (${groups}) and is waiting for approval in its preview.`;
  if (round.status === 'delivering' && round.pending > 0)
    return `Today’s round was matched at ${when} your time (${groups}); its intros go out at each group’s hour today.`;
  return `Today’s round already ran at ${when} your time (${groups}); a round runs once a day.`;
}

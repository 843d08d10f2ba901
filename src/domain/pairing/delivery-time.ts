import { zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

const hour = 3600 * 1000;
/** Local hours that count as daytime when no moment is at or after everyone's send hour before evening. */
const daytime = { from: 7, to: 22 } as const;
const evening = 21;

function localHour(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return p.hour + p.minute / 60;
}

/**
 * When a group's intro goes out: the earliest moment of the round date's window at which every member is at or
 * past the programme's send hour and before evening; failing that, the earliest moment that is daytime for all;
 * failing that (people too far apart to share daytime), the moment that keeps everyone closest to daytime.
 * Nobody gets an intro in the middle of their night.
 */
export function groupDeliveryTime(input: { roundDate: string; sendHour: number; timeZones: string[] }): Date {
  const [year, month, day] = input.roundDate.split('-').map(Number) as [number, number, number];
  const zones = input.timeZones.length > 0 ? input.timeZones : ['UTC'];
  const sendMoments = zones.map((zone) =>
    zonedTimeToInstant({ year, month, day, hour: input.sendHour }, zone).getTime(),
  );
  const first = Math.min(...sendMoments);
  const last = Math.max(...sendMoments);
  const candidates: number[] = [];
  for (let t = first; t <= last + 24 * hour; t += hour / 2) candidates.push(t);
  const ideal = candidates.find((t) =>
    zones.every((zone) => {
      const h = localHour(new Date(t), zone);
      return h >= input.sendHour && h < Math.max(evening, input.sendHour + 1);
    }),
  );
  if (ideal !== undefined) return new Date(ideal);
  const acceptable = candidates.find(
    (t) =>
      t >= first &&
      zones.every((zone) => {
        const h = localHour(new Date(t), zone);
        return h >= daytime.from && h < daytime.to;
      }),
  );
  if (acceptable !== undefined) return new Date(acceptable);
  // People too far apart to share any daytime: the moment that keeps everyone closest to it.
  let best = last;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const t of candidates) {
    const cost = Math.max(...zones.map((zone) => nightDepth(localHour(new Date(t), zone))));
    if (cost < bestCost) {
      best = t;
      bestCost = cost;
    }
  }
  return new Date(best);
}

/** Hours outside daytime: 0 within it, growing towards the middle of the night. */
function nightDepth(hour: number): number {
  if (hour >= daytime.from && hour < daytime.to) return 0;
  return hour < daytime.from
    ? Math.min(daytime.from - hour, hour + 24 - daytime.to)
    : Math.min(hour - daytime.to, daytime.from + 24 - hour);
}

/** Spaces deliveries so one workspace never opens conversations faster than Slack's Tier 3 (about 50 a minute). */
export function paceDeliveries<T extends { deliverAt: Date }>(groups: T[], minimumGapMillis: number): T[] {
  const sorted = [...groups].sort((a, b) => a.deliverAt.getTime() - b.deliverAt.getTime());
  let previous = Number.NEGATIVE_INFINITY;
  return sorted.map((group) => {
    const at = Math.max(group.deliverAt.getTime(), previous + minimumGapMillis);
    previous = at;
    return { ...group, deliverAt: new Date(at) };
  });
}

/**
 * Calendar arithmetic in IANA time zones with nothing but Intl: what day and hour it is somewhere, and which
 * instant a local wall-clock time is there. DST is handled by asking Intl for the offset at each instant.
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
export function zoneOffsetMillis(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which it is `hour:minute` on the given local date in `timeZone`. A time skipped by a DST jump
 * resolves to the instant just after the gap; a repeated time resolves to its first occurrence.
 */
export function zonedTimeToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  const guess = wall - zoneOffsetMillis(new Date(wall), timeZone);
  // Try the offsets in force a few hours either side: around a DST change the wall time can map to two instants
  // (autumn) or none (spring), and the offset at one guess alone does not reveal the earlier one.
  const hour = 3600 * 1000;
  const candidates = [-3, -1, 0, 1, 3]
    .map((h) => wall - zoneOffsetMillis(new Date(guess + h * hour), timeZone))
    .filter((t) => t + zoneOffsetMillis(new Date(t), timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Skipped by a spring-forward jump: the first instant after the gap.
  return new Date(Math.max(...[-3, 3].map((h) => wall - zoneOffsetMillis(new Date(guess + h * hour), timeZone))));
}

/** Adds calendar days to a local date (no time zone involved). */
export function addDays(local: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

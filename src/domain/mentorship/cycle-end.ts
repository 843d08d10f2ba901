/**
 * When a pair that starts at `start` reaches its cycle's end: the same day of the month `months` later, in UTC,
 * clamped to the month's last day (a pair starting on 31 January with one month ends on 28 or 29 February).
 */
export function mentorshipCycleEnd(start: Date, months: number): Date {
  const end = new Date(start.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

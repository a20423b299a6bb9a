/** Calendar dates as Vietnam sees them (UTC+07:00 all year, no daylight saving). */

const vietnamOffsetMs = 7 * 3600_000;

/** Today's date in Vietnam, `YYYY-MM-DD`: a child born this morning in Hà Nội is not "born tomorrow" in UTC. */
export function calendarDateInVietnam(now: Date): string {
  return new Date(now.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

/** Milliseconds until the next midnight in Vietnam. */
export function msUntilVietnamMidnight(now: Date): number {
  const local = now.getTime() + vietnamOffsetMs;
  const dayMs = 24 * 3600_000;
  return dayMs - (local % dayMs);
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2021-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

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


export { isCalendarDate } from '@vaxledger/kernel';

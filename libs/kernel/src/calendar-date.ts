/**
 * A date written `YYYY-MM-DD` with a month 01–12, a day 01–31 and a year from 1000: the shape documented for
 * every date field. `isCalendarDate` then refuses the days a month does not have.
 */
export const calendarDatePattern = /^([1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2021-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const match = calendarDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * One end of a time range given as a plain date or a timestamp: a date is the whole UTC day (its first or its
 * last millisecond), a timestamp is normalised to UTC ISO form. Callers validate the value first.
 */
export function rangeInstant(value: string, edge: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  return new Date(value).toISOString();
}

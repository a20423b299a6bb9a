/**
 * Calendar arithmetic for schedule rules. Rules compare calendar dates, not instants: a dose's date is the
 * date written in its own `administeredAt` (local to the site), a date of birth is a plain date.
 */
import { isCalendarDate, validationError } from '@vaxledger/kernel';

export type AgeUnit = 'd' | 'w' | 'm' | 'y';
export interface AgeBound {
  amount: number;
  unit: AgeUnit;
}

const ageBoundPattern = /^(\d{1,3})([dwmy])$/;
const dayMs = 24 * 3600_000;

export function parseAgeBound(text: string): AgeBound {
  const match = ageBoundPattern.exec(text);
  if (!match) throw new Error(`age bound "${text}" must be <n>d|w|m|y`);
  return { amount: Number(match[1]), unit: match[2] as AgeUnit };
}

export { isCalendarDate };

/** The calendar date written in an ISO 8601 timestamp with offset, as the site saw it. */
export function localDateOf(timestamp: string): string {
  const date = timestamp.slice(0, 10);
  if (!isCalendarDate(date)) throw validationError('invalid_timestamp', `"${timestamp}" does not start with a calendar date`);
  return date;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** Adds an age bound to a date. Months and years are calendar steps; 29 February plus a year is 28 February. */
export function addAge(date: string, bound: AgeBound): string {
  const [y, m, d] = date.split('-').map(Number);
  if (bound.unit === 'd' || bound.unit === 'w') {
    const days = bound.unit === 'd' ? bound.amount : bound.amount * 7;
    return new Date(Date.UTC(y, m - 1, d) + days * dayMs).toISOString().slice(0, 10);
  }
  const months = bound.unit === 'm' ? bound.amount : bound.amount * 12;
  const targetMonth = m - 1 + months;
  const targetYear = y + Math.floor(targetMonth / 12);
  const monthIndex = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Completed years of age on a date. */
export function ageInYears(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const ageBands = ['<1', '1-4', '5-11', '12-17', '18-49', '50-64', '65+'] as const;
export type AgeBand = (typeof ageBands)[number] | 'unknown';

/**
 * The reporting age band on the dose date. With only a birth year known (registry may share just that), the
 * age is taken as of 1 July of that year, which is off by at most one band edge for some people.
 */
export function ageBandOn(onDate: string, birth: { dateOfBirth?: string | null; birthYear?: number | null }): AgeBand {
  const dateOfBirth = birth.dateOfBirth ?? (birth.birthYear ? `${birth.birthYear}-07-01` : null);
  if (!dateOfBirth) return 'unknown';
  const age = ageInYears(dateOfBirth, onDate);
  if (age < 0) return 'unknown';
  if (age < 1) return '<1';
  if (age < 5) return '1-4';
  if (age < 12) return '5-11';
  if (age < 18) return '12-17';
  if (age < 50) return '18-49';
  if (age < 65) return '50-64';
  return '65+';
}

const vietnamOffsetMs = 7 * 3600_000;

/** Today's date in Vietnam (UTC+07:00 all year): plans and bookings are made in local days. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

/** Dates, times and numbers in Vietnamese format (vi-VN) whatever the interface language; times in Vietnam's zone. */

const locale = 'vi-VN';
const zone = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat(locale, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: zone,
});
const numberFormat = new Intl.NumberFormat(locale);

/** `2021-05-17` → `17/05/2021`; a calendar date has no zone, so it is formatted as UTC midnight. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
}

/** An instant → `09:30 02/08/2021` in Vietnam's time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parsed = new Date(instant);
  return Number.isNaN(parsed.getTime()) ? instant : dateTimeFormat.format(parsed);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Today's calendar date in Vietnam, `YYYY-MM-DD`. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of a `datetime-local` input for now, in the device's own zone (the vaccination site's clock). */
export function localDateTimeInputValue(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** `2021-08-02T09:30` as entered on the device → `2021-08-02T09:30:00+07:00`, keeping the site's offset. */
export function withDeviceOffset(localValue: string): string {
  const local = new Date(localValue);
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const seconds = localValue.length === 16 ? ':00' : '';
  return `${localValue}${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An ISO instant with offset → the `datetime-local` value as it was written at the site. */
export function toLocalInputValue(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(instant);
  return match ? match[1] : localDateTimeInputValue(new Date(instant));
}

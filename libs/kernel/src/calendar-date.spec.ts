import { calendarDatePattern, dateOrInstantPattern, isCalendarDate, rangeInstant } from './calendar-date';

/** The calendar by date arithmetic, to hold the one regular expression to. */
function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const written = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

describe('the calendar date pattern', () => {
  it('agrees with date arithmetic on every month and day 00 to 32 of every leap-year kind of year', () => {
    // Every century year, every fourth year and its neighbours across the range, and the edges of it.
    const years = new Set<number>([999, 1000, 9999]);
    for (let year = 1000; year <= 9999; year += 100) for (const offset of [0, 1, 4, 96]) years.add(year + offset);
    for (let year = 1890; year <= 2110; year++) years.add(year);
    const disagreements: string[] = [];
    for (const year of years)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = written(year, month, day);
          if (isCalendarDate(text) !== realDate(year, month, day)) disagreements.push(text);
        }
    expect(disagreements).toEqual([]);
  });

  it('knows the leap-year rule: 2000 and 2400 have a 29 February, 1900 and 2100 do not', () => {
    expect(['2000-02-29', '2400-02-29', '2024-02-29', '1600-02-29'].map(isCalendarDate)).toEqual([true, true, true, true]);
    expect(['1900-02-29', '2100-02-29', '2023-02-29', '2024-02-30'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it('refuses what only looks like a date', () => {
    for (const text of ['0000-00-00', '0999-12-31', '2021-1-01', '2021-01-01T00:00:00Z', ' 2021-01-01', '２０２１-01-01'])
      expect(calendarDatePattern.test(text)).toBe(false);
  });
});

describe('a range end', () => {
  it('takes a date as its whole UTC day and a timestamp as the instant it names', () => {
    expect(rangeInstant('2026-03-01', 'start')).toBe('2026-03-01T00:00:00.000Z');
    expect(rangeInstant('2026-03-01', 'end')).toBe('2026-03-01T23:59:59.999Z');
    expect(rangeInstant('2026-03-01T07:00:00+07:00', 'start')).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('a date or an instant', () => {
  it('takes a real date, or a timestamp on one with an offset', () => {
    for (const text of ['2026-03-01', '2026-03-01T07:00:00+07:00', '2026-03-01T00:00:00.123Z', '2024-02-29T23:59:59-05:30'])
      expect([text, dateOrInstantPattern.test(text)]).toEqual([text, true]);
    for (const text of ['2026-02-30', '2026-03-01T07:00:00', '2026-03-01T24:00:00Z', '2026-03-01T07:00Z', '5604-98-08Tô'])
      expect([text, dateOrInstantPattern.test(text)]).toEqual([text, false]);
  });
});

/**
 * A real calendar date written `YYYY-MM-DD`, years 1000 to 9999, as one regular expression: months of 30 and 31
 * days, February of 28, and the 29th of February in leap years (every fourth, not centuries unless divisible by
 * 400). It is the pattern the OpenAPI document gives every date, so a client or a fuzzer reads the whole rule.
 */
export const calendarDatePattern = new RegExp(
  '^(?:' +
    [
      '[1-9][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))',
      '(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:1[26]|[2468][048]|[3579][26])00)-02-29',
    ].join('|') +
    ')$',
);

/** True for a real calendar date written `YYYY-MM-DD` (so 2021-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  return calendarDatePattern.test(value);
}

/**
 * One end of a time range given as a plain date or a timestamp: a date is the whole UTC day (its first or its
 * last millisecond), a timestamp is normalised to UTC ISO form. Callers validate the value first.
 */
export function rangeInstant(value: string, edge: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  return new Date(value).toISOString();
}

/**
 * A plain calendar date, or a timestamp on such a date with hours, minutes, seconds, optional fractions and an
 * offset (`Z` or `±hh:mm`): what a range end in a query may be.
 */
export const dateOrInstantPattern = new RegExp(
  `${calendarDatePattern.source.slice(0, -1)}(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]))?$`,
);

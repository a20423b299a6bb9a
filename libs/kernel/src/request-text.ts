/**
 * Text fields of requests, as zod schemas whose OpenAPI patterns say exactly what the server takes: lengths in
 * characters (code points, as JSON Schema counts them; zod's `.min`/`.max` count UTF-16 units), spaces listed
 * rather than `\s` (see `spaceCharacters`).
 */
import { z } from 'zod';
import { calendarDatePattern } from './calendar-date';
import { spaceCharacters, trimmedTextPattern } from './ids';

/** `min` to `max` characters with no space at either end, refused otherwise (nothing trimmed quietly). */
export function trimmedText(min: number, max: number) {
  return z.string().regex(trimmedTextPattern(min, max), `must have ${min} to ${max} characters and no space at either end`);
}

/**
 * Typed text (a name, a username, a reason), trimmed, 1 to `max` characters once trimmed. The pattern asks for a
 * character trimming keeps, so a blank value is refused by the document as it is by the server.
 */
export function typedText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .regex(new RegExp(`^[${spaceCharacters}]*[^${spaceCharacters}][\\s\\S]{0,${max - 1}}$`, 'u'), `must be 1 to ${max} characters`);
}

/** Text taken as it is (a password), 1 to `max` characters. */
export function untrimmedText(max: number) {
  return z.string().regex(new RegExp(`^[\\s\\S]{1,${max}}$`, 'u'), `must be 1 to ${max} characters`);
}

/** A real calendar date written `YYYY-MM-DD` (`calendarDatePattern`, so the document holds the whole rule). */
export const calendarDate = z.string().regex(calendarDatePattern, 'must be a real date written YYYY-MM-DD');

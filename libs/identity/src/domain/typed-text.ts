import { z } from 'zod';

/**
 * Request text of identity's routes, bounded in characters (code points) rather than UTF-16 units: JSON Schema's
 * lengths count characters, so with zod's `.max` an OpenAPI client could send 16 characters outside the Basic
 * Multilingual Plane and be refused for sending 32 units. The bound is written as a pattern that the document and
 * the server (through the `u` flag) read alike.
 */

/** What `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator), written out for any regex dialect. */
const trimmedAway = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/**
 * Typed text, trimmed, 1 to `max` characters once trimmed. The pattern asks for a character trimming keeps, so a
 * blank value is refused by the document as it is by the server.
 */
export function typedText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .regex(new RegExp(`^[${trimmedAway}]*[^${trimmedAway}][\\s\\S]{0,${max - 1}}$`, 'u'), `must be 1 to ${max} characters`);
}

/** Text taken as it is (a password), 1 to `max` characters. */
export function untrimmedText(max: number) {
  return z.string().regex(new RegExp(`^[\\s\\S]{1,${max}}$`, 'u'), `must be 1 to ${max} characters`);
}

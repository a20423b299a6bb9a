import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7: event ids, aggregate ids. */
export function newId(): string {
  return uuidv7();
}

/** Random UUIDv4 where ordering must not leak creation time (tokens, challenge ids). */
export function newOpaqueId(): string {
  return randomUUID();
}

/**
 * What an id taken from a URL, a message or a request may look like: it becomes part of a stream name, so only
 * letters, digits and hyphens, at most 64 (a UUID, or an operator-chosen code).
 */
export const opaqueIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The characters JavaScript's `trim` and `\s` take for space, listed: the patterns here are read by zod and by
 * every client of the OpenAPI document, some of which read `\s` (and `\d`) differently, so patterns spell
 * spaces out and write digits `[0-9]`, and mean the same to all of them.
 */
export const spaceCharacters =
  '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const nonSpace = `[^${spaceCharacters}]`;

/**
 * Free text of `min` to `max` characters (code points, as the document counts them) with no space at either
 * end: stated rather than trimmed quietly, so the documented text is the stored text. Used with the `u` flag.
 */
export function trimmedTextPattern(min: number, max: number): RegExp {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= Math.max(min, 2))) {
    throw new Error(`trimmedTextPattern needs 1 <= min <= max and max >= 2, not ${min}..${max}`);
  }
  const source =
    min <= 1
      ? `^${nonSpace}(?:[\\s\\S]{0,${max - 2}}${nonSpace})?$`
      : `^${nonSpace}[\\s\\S]{${min - 2},${max - 2}}${nonSpace}$`;
  return new RegExp(source, 'u');
}

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
 * Free text as a request field takes it: no space, tab or line break at either end. A schema states it rather
 * than trimming quietly, so the documented length is the stored length and a fuzzer meets no hidden rule.
 */
export const trimmedTextPattern = /^\S(?:[\s\S]*\S)?$/;

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

import type { Actor, CommandMetadata } from './events';

/**
 * The metadata every command of every service carries: who acted (ids and scope only, never personal data),
 * when, and which request caused it. `actor` is a verified principal, or the account being signed into.
 */
export function commandMetadata(
  actor: { accountId: string; facilityId?: string | null; provinceCode?: string | null },
  origin: { correlationId: string },
  now: Date,
): CommandMetadata {
  const who: Actor = { accountId: actor.accountId, facilityId: actor.facilityId ?? null, provinceCode: actor.provinceCode ?? null };
  return { actor: who, now, correlationId: origin.correlationId };
}

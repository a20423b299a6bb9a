/** Command metadata for identity's writes: who acted (from the token, or the account signing in), when, and why. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { CommandMetadata } from '@vaxledger/kernel';

export function metadataFor(principal: Principal, now: Date, origin: Pick<RequestOrigin, 'correlationId'>): CommandMetadata {
  return {
    actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
    now,
    correlationId: origin.correlationId,
  };
}

/** Sign-in steps act on behalf of the account being signed into (or of nobody, for unknown usernames). */
export function signInMetadata(
  account: { accountId: string | null; facilityId?: string | null; provinceCode?: string | null } | null,
  now: Date,
  correlationId: string,
): CommandMetadata {
  return {
    actor: {
      accountId: account?.accountId ?? 'anonymous',
      facilityId: account?.facilityId ?? null,
      provinceCode: account?.provinceCode ?? null,
    },
    now,
    correlationId,
  };
}

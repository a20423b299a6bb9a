/**
 * Who a sign-in step acts as: the account being signed into, or nobody (`anonymous`) for an unknown username.
 * The metadata itself is the one every command carries (`commandMetadata`, @vaxledger/kernel).
 */
import type { Actor } from '@vaxledger/kernel';

export function signInActor(account: { accountId: string | null; facilityId?: string | null; provinceCode?: string | null } | null): Actor {
  return {
    accountId: account?.accountId ?? 'anonymous',
    facilityId: account?.facilityId ?? null,
    provinceCode: account?.provinceCode ?? null,
  };
}

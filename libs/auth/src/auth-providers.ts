import type { KeyValueStore } from '@vaxledger/kernel';
import type { VerificationKeys } from './access-tokens';
import { AccessTokenGuard, AUTH_PUBLIC_KEY, REVOCATION_LIST } from './access-token.guard';
import { RevocationList } from './revocation';
import { StepUpGate } from './step-up';

/** Providers a service module registers to authenticate callers locally. */
export function authProviders(publicKey: VerificationKeys, kv: KeyValueStore) {
  const revocations = new RevocationList(kv);
  return [
    { provide: AUTH_PUBLIC_KEY, useValue: publicKey },
    { provide: REVOCATION_LIST, useValue: revocations },
    { provide: RevocationList, useValue: revocations },
    { provide: StepUpGate, useValue: new StepUpGate(publicKey, kv) },
    AccessTokenGuard,
  ];
}

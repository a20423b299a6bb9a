import type { KeyValueStore } from '@vaxledger/kernel';
import type { VerificationKeys } from './access-tokens';
import { AccessTokenGuard } from './access-token.guard';
import { AUTH_PUBLIC_KEY, BEARER_STRATEGY_NAME, BearerTokenStrategy, REVOCATION_LIST } from './bearer-token.strategy';
import { RevocationList } from './revocation';
import { StepUpGate } from './step-up';

let strategies = 0;

/** Providers a service module registers to authenticate callers locally (its own passport strategy). */
export function authProviders(publicKey: VerificationKeys, kv: KeyValueStore) {
  const revocations = new RevocationList(kv);
  return [
    { provide: BEARER_STRATEGY_NAME, useValue: `vaxledger-bearer-${++strategies}` },
    BearerTokenStrategy,
    { provide: AUTH_PUBLIC_KEY, useValue: publicKey },
    { provide: REVOCATION_LIST, useValue: revocations },
    { provide: RevocationList, useValue: revocations },
    { provide: StepUpGate, useValue: new StepUpGate(publicKey, kv) },
    AccessTokenGuard,
  ];
}

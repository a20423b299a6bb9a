import type { KeyObject } from 'node:crypto';
import { forbidden, type KeyValueStore } from '@vaxledger/kernel';
import { verifyStepUpToken } from './access-tokens';
import type { Principal } from './principal';

/**
 * The service side of step-up (R6): checks the `X-Step-Up-Token` a sensitive write carries and consumes it,
 * so each token authorises exactly one write, by the account it was issued to, within its lifetime.
 */
export class StepUpGate {
  constructor(
    private readonly publicKey: KeyObject,
    private readonly kv: KeyValueStore,
  ) {}

  async consume(token: string | undefined, principal: Principal, now: Date): Promise<void> {
    if (!token) throw stepUpRequired('A fresh one-time code is needed to change this record.');
    let verified: Awaited<ReturnType<typeof verifyStepUpToken>>;
    try {
      verified = await verifyStepUpToken(token, this.publicKey, now);
    } catch {
      throw stepUpRequired('The step-up token is invalid or expired; confirm with a new one-time code.');
    }
    if (verified.accountId !== principal.accountId) {
      throw stepUpRequired('The step-up token belongs to another account.');
    }
    const ttl = Math.max(1000, verified.expiresAt - now.getTime() + 60_000);
    const first = await this.kv.setIfAbsent(`step-up-used:${verified.tokenId}`, principal.accountId, ttl);
    if (!first) throw stepUpRequired('This step-up token was already used; confirm with a new one-time code.');
  }
}

export function stepUpRequired(message: string) {
  return forbidden('step_up_required', message);
}

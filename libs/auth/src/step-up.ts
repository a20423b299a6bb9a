import type { KeyValueStore } from '@vaxledger/kernel';
import { AccessRefusal } from './access-denials';
import { stepUpFields, type VerificationKeys, verifyStepUpToken } from './access-tokens';
import type { Principal } from './principal';

/** The write a step-up token is presented for: which subject, and which fields the write changes. */
export interface StepUpTarget {
  subjectId: string;
  /** Every field the write changes; only the sensitive ones need to be covered by the token. */
  fields: readonly string[];
}

/**
 * The service side of step-up (R6): checks the `X-Step-Up-Token` a sensitive write carries and consumes it,
 * so each token authorises exactly one write, by the account and session it was issued to, on the subject
 * (and fields) it was asked for, within its lifetime. A token that does not fit is refused before it is
 * consumed, so presenting it on the wrong subject does not burn it for the right one.
 */
export class StepUpGate {
  constructor(
    private readonly publicKey: VerificationKeys,
    private readonly kv: KeyValueStore,
  ) {}

  async consume(token: string | undefined, principal: Principal, target: StepUpTarget, now: Date): Promise<void> {
    if (!token) throw stepUpRequired('A fresh one-time code is needed to change this record.', 'step_up_missing');
    let verified: Awaited<ReturnType<typeof verifyStepUpToken>>;
    try {
      verified = await verifyStepUpToken(token, this.publicKey, now);
    } catch {
      throw stepUpRequired('The step-up token is invalid or expired; confirm with a new one-time code.', 'step_up_invalid');
    }
    if (verified.accountId !== principal.accountId) {
      throw stepUpRequired('The step-up token belongs to another account.', 'step_up_other_account');
    }
    if (verified.sessionId !== principal.sessionId) {
      throw stepUpRequired('The step-up token was issued to another session; confirm with a new one-time code.', 'step_up_other_session');
    }
    if (verified.subjectId !== target.subjectId) {
      throw stepUpRequired('The step-up token was issued for another person; confirm with a new one-time code.', 'step_up_other_subject');
    }
    const allowed = verified.fields;
    if (allowed) {
      const uncovered = target.fields.filter((f) => (stepUpFields as readonly string[]).includes(f) && !(allowed as string[]).includes(f));
      if (uncovered.length) {
        throw new AccessRefusal(
          'forbidden',
          'step_up_required',
          'The step-up token does not cover every sensitive field of this change.',
          { uncoveredFields: uncovered },
          'step_up_other_fields',
        );
      }
    }
    const ttl = Math.max(1000, verified.expiresAt - now.getTime() + 60_000);
    const first = await this.kv.setIfAbsent(`step-up-used:${verified.tokenId}`, principal.accountId, ttl);
    if (!first) throw stepUpRequired('This step-up token was already used; confirm with a new one-time code.', 'step_up_used');
  }
}

/** 403 `step_up_required`; `cause` (recorded with the denial, never answered) says which binding failed. */
export function stepUpRequired(message: string, cause?: string) {
  return new AccessRefusal('forbidden', 'step_up_required', message, undefined, cause);
}

/** Writes the login history (R3): one `LoginAttempted` per step, with no password, code or token in it. */
import type { RequestOrigin } from '@vaxledger/auth';
import { signInActor } from './sign-in-actor';
import { commandMetadata, newId } from '@vaxledger/kernel';
import type { AccountState } from '../domain/account.decider';
import type { SignInMethod, SignInOutcome, SignInStage } from '../domain/sign-in.events';
import type { Logger } from '@vaxledger/runtime';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';

export interface SignInStep {
  account: AccountState | null;
  /** For unknown usernames: the keyed hash of what was typed. */
  usernameKey?: string | null;
  challengeId: string | null;
  stage: SignInStage;
  method: SignInMethod;
  outcome: SignInOutcome;
}

export class SignInJournal {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly logger: Logger,
  ) {}

  async record(step: SignInStep, origin: RequestOrigin, now: Date): Promise<void> {
    const accountId = step.account?.accountId ?? null;
    const usernameKey = accountId ? null : (step.usernameKey ?? null);
    const stream = accountId ? identityStreams.signIns(accountId) : identityStreams.unknownUserSignIns(usernameKey ?? 'none');
    try {
      await this.write.record(
        stream,
        {
          type: 'LoginAttempted',
          data: {
            attemptId: newId(),
            challengeId: step.challengeId,
            accountId,
            usernameKey,
            stage: step.stage,
            method: step.method,
            outcome: step.outcome,
            at: now.toISOString(),
            ip: origin.ip,
            userAgent: origin.userAgent,
            provinceCode: step.account?.provinceCode ?? null,
            facilityId: step.account?.facilityId ?? null,
          },
        },
        commandMetadata(signInActor(step.account ? { accountId, facilityId: step.account.facilityId, provinceCode: step.account.provinceCode } : null), origin, now),
      );
    } catch (error) {
      // Losing a history line must be visible; it must not let a failed sign-in look different to the caller.
      this.logger.error({ err: error, stage: step.stage, outcome: step.outcome }, 'could not record sign-in attempt');
      throw error;
    }
  }
}

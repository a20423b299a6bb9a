/**
 * Step-up (R6): a signed-in user proves a fresh one-time code and receives a single-use token (≤ 5 min) bound
 * to the account, the session, the subject and (when named) the fields it was asked for; the service that
 * accepts it consumes it.
 */
import { type Principal, type RequestOrigin, signStepUpToken, type StepUpField } from '@vaxledger/auth';
import { newOpaqueId, type Clock } from '@vaxledger/kernel';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, accountNotActivated, otpChallengeInvalid } from '../domain/identity-errors';
import type { StartStepUpCommand, stepUpVerifySchema } from './step-up.command';
import type { z } from 'zod';
import type { IdentitySettings } from '../identity-settings';
import type { IdentityWriteModel } from '../identity-write-model';
import type { KeyObject } from 'node:crypto';
import type { SecondFactor } from '../sign-in/second-factor';
import type { ChallengeVerification } from '../sign-in/challenge-verification';

export { startStepUpSchema, stepUpVerifySchema } from './step-up.command';

export class StepUpHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly write: IdentityWriteModel,
    private readonly signingKey: KeyObject,
    private readonly secondFactor: SecondFactor,
    private readonly challengeVerification: ChallengeVerification,
    private readonly clock: Clock,
  ) {}

  async start(principal: Principal, command: StartStepUpCommand) {
    const now = this.clock.now();
    const account = (await this.write.account(principal.accountId)) as AccountState & { accountId: string };
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!, now);
    if (!canSignIn(account)) throw accountNotActivated();
    const challenge = await this.secondFactor.open(account, 'step_up', principal.sessionId, now, {
      subjectId: command.subjectId,
      fields: command.fields ?? null,
    });
    return { challengeId: challenge.challengeId, method: challenge.method, expiresAt: challenge.expiresAt };
  }

  async verify(principal: Principal, origin: RequestOrigin, command: z.infer<typeof stepUpVerifySchema>) {
    const { account, challenge, now } = await this.challengeVerification.verify({ ...command, purpose: 'step_up', accountId: principal.accountId, sessionId: principal.sessionId },
      origin,
    );
    const ttl = this.settings.IDENTITY_STEP_UP_TTL_SECONDS;
    const target = challenge.stepUpFor;
    // A challenge opened before step-ups named their subject binds to nothing, so it authorises nothing.
    if (!target) throw otpChallengeInvalid();
    const stepUpToken = await signStepUpToken(
      {
        accountId: account.accountId,
        sessionId: principal.sessionId,
        subjectId: target.subjectId,
        fields: target.fields as StepUpField[] | null,
      },
      newOpaqueId(),
      this.signingKey,
      ttl,
      now,
    );
    return { stepUpToken, expiresIn: ttl };
  }
}

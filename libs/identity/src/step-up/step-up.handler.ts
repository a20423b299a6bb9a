/**
 * Step-up (R6): a signed-in user proves a fresh one-time code and receives a single-use token (≤ 5 min) bound
 * to the account, the session, the subject and (when named) the fields it was asked for; the service that
 * accepts it consumes it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Principal, type RequestOrigin, signStepUpToken, type StepUpField } from '@vaxledger/auth';
import { newOpaqueId } from '@vaxledger/kernel';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, accountNotActivated, otpChallengeInvalid } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { verifyChallengeCode } from '../sign-in/challenge-verification';
import { openChallenge } from '../sign-in/second-factor';
import type { StartStepUpCommand, stepUpVerifySchema } from './step-up.command';
import type { z } from 'zod';

export { startStepUpSchema, stepUpVerifySchema } from './step-up.command';

@Injectable()
export class StepUpHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async start(principal: Principal, command: StartStepUpCommand) {
    const now = this.ctx.clock.now();
    const account = (await this.ctx.write.account(principal.accountId)) as AccountState & { accountId: string };
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!, now);
    if (!canSignIn(account)) throw accountNotActivated();
    const challenge = await openChallenge(this.ctx, account, 'step_up', principal.sessionId, now, {
      subjectId: command.subjectId,
      fields: command.fields ?? null,
    });
    return { challengeId: challenge.challengeId, method: challenge.method, expiresAt: challenge.expiresAt };
  }

  async verify(principal: Principal, command: z.infer<typeof stepUpVerifySchema>, origin: RequestOrigin) {
    const { account, challenge, now } = await verifyChallengeCode(
      this.ctx,
      { ...command, purpose: 'step_up', accountId: principal.accountId, sessionId: principal.sessionId },
      origin,
    );
    const ttl = this.ctx.settings.IDENTITY_STEP_UP_TTL_SECONDS;
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
      this.ctx.signingKey,
      ttl,
      now,
    );
    return { stepUpToken, expiresIn: ttl };
  }
}

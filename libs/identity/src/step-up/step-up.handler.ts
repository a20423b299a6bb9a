/**
 * Step-up (R6): a signed-in user proves a fresh one-time code and receives a single-use token (≤ 5 min,
 * bound to the account) for one sensitive write; the service that accepts it consumes it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Principal, type RequestOrigin, signStepUpToken } from '@vaxledger/auth';
import { newOpaqueId } from '@vaxledger/kernel';
import { z } from 'zod';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, accountNotActivated } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { verifyChallengeCode } from '../sign-in/challenge-verification';
import { openChallenge } from '../sign-in/second-factor';

export const stepUpVerifySchema = z.object({
  challengeId: z.string().trim().min(1).max(64),
  code: z.string().trim().min(1).max(16),
});

@Injectable()
export class StepUpHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async start(principal: Principal) {
    const now = this.ctx.clock.now();
    const account = (await this.ctx.write.account(principal.accountId)) as AccountState & { accountId: string };
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!, now);
    if (!canSignIn(account)) throw accountNotActivated();
    const challenge = await openChallenge(this.ctx, account, 'step_up', principal.sessionId, now);
    return { challengeId: challenge.challengeId, method: challenge.method, expiresAt: challenge.expiresAt };
  }

  async verify(principal: Principal, command: z.infer<typeof stepUpVerifySchema>, origin: RequestOrigin) {
    const { account, now } = await verifyChallengeCode(
      this.ctx,
      { ...command, purpose: 'step_up', accountId: principal.accountId },
      origin,
    );
    const ttl = this.ctx.settings.IDENTITY_STEP_UP_TTL_SECONDS;
    const stepUpToken = await signStepUpToken(account.accountId, newOpaqueId(), this.ctx.signingKey, ttl, now);
    return { stepUpToken, expiresIn: ttl };
  }
}

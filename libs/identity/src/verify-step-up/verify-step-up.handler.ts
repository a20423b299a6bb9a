/**
 * POST /auth/step-up/verify: a fresh one-time code, answered from the session that opened the challenge, buys a
 * single-use token (at most five minutes) bound to the account, the session, the subject and (when named) the
 * fields; the service that accepts it consumes it.
 */
import { type Principal, type RequestOrigin, signStepUpToken, type StepUpField } from '@vaxledger/auth';
import { newOpaqueId } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import type { KeyObject } from 'node:crypto';
import { otpChallengeInvalid } from '../domain/identity-errors';
import type { IdentitySettings } from '../identity-settings';
import type { ChallengeVerification } from '../sign-in/challenge-verification';
import type { StepUpTokenAnswer } from './verify-step-up.answer';
import { stepUpVerifySchema } from './verify-step-up.command';

export class VerifyStepUpHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly signingKey: KeyObject,
    private readonly challengeVerification: ChallengeVerification,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<StepUpTokenAnswer> {
    const command = parseInput(stepUpVerifySchema, body);
    const { account, challenge, now } = await this.challengeVerification.verify(
      { ...command, purpose: 'step_up', accountId: principal.accountId, sessionId: principal.sessionId },
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

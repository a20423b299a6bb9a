/**
 * POST /auth/step-up (R6): opens a one-time-code challenge on the signed-in account's method, for one subject
 * (and optionally some of its sensitive fields); verify-step-up turns the code into a single-use token.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, accountNotActivated } from '../domain/identity-errors';
import type { OtpChallengeAnswer } from '../login/login.answer';
import { startStepUpSchema } from './start-step-up.command';
import type { IdentityWriteModel } from '../identity-write-model';
import type { SecondFactor } from '../sign-in/second-factor';

export class StartStepUpHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly secondFactor: SecondFactor,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<OtpChallengeAnswer> {
    const command = parseInput(startStepUpSchema, body);
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
}

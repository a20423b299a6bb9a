/** Second sign-in step (R2): a verified one-time code starts a session and issues the tokens. */
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import type { SessionTokens } from '../sign-in/session-tokens';
import type { IssuedTokensAnswer } from '../sessions/issued-tokens.answer';
import { verifyOtpSchema } from './verify-otp.command';
import type { ChallengeVerification } from '../sign-in/challenge-verification';

export class VerifyOtpHandler {
  constructor(
    private readonly challengeVerification: ChallengeVerification,
    private readonly sessionTokens: SessionTokens,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<IssuedTokensAnswer> {
    const command = parseInput(verifyOtpSchema, body);
    const { account, now } = await this.challengeVerification.verify({ ...command, purpose: 'login' }, origin);
    return this.sessionTokens.start(account, origin, now);
  }
}

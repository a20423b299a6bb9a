/** Second sign-in step (R2): a verified one-time code starts a session and issues the tokens. */
import { Inject, Injectable } from '@nestjs/common';
import type { RequestOrigin } from '@vaxledger/auth';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { verifyChallengeCode } from '../sign-in/challenge-verification';
import { type IssuedTokens, startSession } from '../sign-in/session-tokens';
import type { VerifyOtpCommand } from './verify-otp.command';

@Injectable()
export class VerifyOtpHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(command: VerifyOtpCommand, origin: RequestOrigin): Promise<IssuedTokens> {
    const { account, now } = await verifyChallengeCode(this.ctx, { ...command, purpose: 'login' }, origin);
    return startSession(this.ctx, account, origin, now);
  }
}

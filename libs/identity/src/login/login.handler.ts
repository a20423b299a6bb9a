/** First sign-in step (R2): the password. Answers with an OTP challenge, never with a token. */
import type { RequestOrigin } from '@vaxledger/auth';
import { Inject, Injectable } from '@nestjs/common';
import { signInMetadata } from '../command-metadata';
import { usernameKey } from '../credentials/one-time-secrets';
import { type AccountState, isLocked } from '../domain/account.decider';
import type { OtpMethod } from '../domain/account.events';
import { accountLocked, accountNotActivated, accountSuspended, invalidCredentials } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { countFailedStep } from '../sign-in/failed-steps';
import { openChallenge } from '../sign-in/second-factor';
import { recordSignInStep } from '../sign-in/sign-in-journal';
import type { LoginCommand } from './login.command';

export interface LoginChallenge {
  challengeId: string;
  method: OtpMethod;
  expiresAt: string;
}

@Injectable()
export class LoginHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(command: LoginCommand, origin: RequestOrigin): Promise<LoginChallenge> {
    const { ctx } = this;
    const now = ctx.clock.now();
    const accountId = await ctx.write.accountIdForUsername(command.username);
    const account = accountId ? await ctx.write.findAccount(accountId) : null;
    const step = (outcome: Parameters<typeof recordSignInStep>[1]['outcome'], known: AccountState | null, challengeId: string | null = null) =>
      recordSignInStep(
        ctx,
        {
          account: known,
          usernameKey: known ? null : usernameKey(ctx.lookupKey, command.username),
          challengeId,
          stage: 'password',
          method: 'password',
          outcome,
        },
        origin,
        now,
      );

    if (!account || !account.accountId) {
      // Same work and the same answer as a wrong password, so usernames cannot be probed.
      await ctx.hasher.verifyAgainstNothing(command.password);
      await step('unknown_user', null);
      throw invalidCredentials();
    }
    const known = account as AccountState & { accountId: string };
    if (isLocked(known, now)) {
      await step('locked', known);
      throw accountLocked(known.lockedUntil!, now);
    }
    const passwordOk = known.passwordHash
      ? await ctx.hasher.verify(known.passwordHash, command.password)
      : await ctx.hasher.verifyAgainstNothing(command.password);
    if (!passwordOk) {
      await step('wrong_password', known);
      const { lockedUntil } = await countFailedStep(ctx, known, signInMetadata(known, now, origin.correlationId));
      if (lockedUntil) throw accountLocked(lockedUntil, now);
      throw invalidCredentials();
    }
    if (known.suspended) {
      await step('suspended', known);
      throw accountSuspended();
    }
    if (known.lifecycle !== 'active') {
      await step('not_activated', known);
      throw accountNotActivated();
    }
    const challenge = await openChallenge(ctx, known, 'login', null, now);
    await step('password_accepted', known, challenge.challengeId);
    return { challengeId: challenge.challengeId, method: challenge.method, expiresAt: challenge.expiresAt };
  }
}

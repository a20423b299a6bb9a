/**
 * First sign-in step (R2): the password. Answers with an OTP challenge, never with a token. The login
 * throttle judges the attempt before any password hash runs; the hash itself runs in a bounded number of slots.
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { Inject, Injectable } from '@nestjs/common';
import { signInMetadata } from '../command-metadata';
import { usernameKey } from '../credentials/one-time-secrets';
import { type AccountState, isLocked } from '../domain/account.decider';
import type { OtpMethod } from '../domain/account.events';
import { accountLocked, accountNotActivated, accountSuspended, invalidCredentials } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { lockAccount } from '../sign-in/failed-steps';
import { openChallenge } from '../sign-in/second-factor';
import { recordSignInStep } from '../sign-in/sign-in-journal';
import type { LoginCommand } from './login.command';
import { loginRateLimited, type ThrottleRefusal } from './login-throttle';

export interface LoginChallenge {
  challengeId: string;
  method: OtpMethod;
  expiresAt: string;
}

type Outcome = Parameters<typeof recordSignInStep>[1]['outcome'];

@Injectable()
export class LoginHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(command: LoginCommand, origin: RequestOrigin): Promise<LoginChallenge> {
    const { ctx } = this;
    const now = ctx.clock.now();
    const nameKey = usernameKey(ctx.keys.usernames, command.username);
    const step = (outcome: Outcome, known: AccountState | null, challengeId: string | null = null) =>
      recordSignInStep(
        ctx,
        { account: known, usernameKey: known ? null : nameKey, challengeId, stage: 'password', method: 'password', outcome },
        origin,
        now,
      );

    const verdict = await ctx.loginThrottle.admit(origin.ip, nameKey, now);
    if (verdict.refused) {
      await this.recordRefusal(verdict, command.username, nameKey, origin, step);
      throw loginRateLimited(verdict.retryAfterMs);
    }

    const accountId = await ctx.write.accountIdForUsername(command.username);
    const account = accountId ? await ctx.write.findAccount(accountId) : null;
    if (!account || !account.accountId) {
      // Same work, the same answer and the same slow-down as a wrong password, so usernames cannot be probed.
      await ctx.hasher.verifyAgainstNothing(command.password);
      await step('unknown_user', null);
      await ctx.loginThrottle.recordWrongPassword(nameKey, now);
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
      const failures = await ctx.loginThrottle.recordWrongPassword(nameKey, now);
      if (failures >= ctx.settings.IDENTITY_PASSWORD_FAILURES_BEFORE_LOCK) {
        const { lockedUntil } = await lockAccount(ctx, known, failures, signInMetadata(known, now, origin.correlationId));
        await ctx.loginThrottle.reset(nameKey);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
      }
      throw invalidCredentials();
    }
    await ctx.loginThrottle.reset(nameKey);
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

  /**
   * A throttled attempt is in the login history too (R3), at most one line per second per address or username:
   * a flood must not turn into a flood of durable writes.
   */
  private async recordRefusal(
    verdict: ThrottleRefusal,
    username: string,
    nameKey: string,
    origin: RequestOrigin,
    step: (outcome: Outcome, known: AccountState | null) => Promise<void>,
  ): Promise<void> {
    const { ctx } = this;
    const subject = verdict.reason === 'address' ? `address:${origin.ip}` : `username:${nameKey}`;
    if (!(await ctx.kv.setIfAbsent(`login:throttle-recorded:${subject}`, '1', 1000))) return;
    ctx.logger.warn({ reason: verdict.reason, ip: origin.ip }, 'sign-in attempt throttled');
    const accountId = await ctx.write.accountIdForUsername(username);
    const account = accountId ? await ctx.write.findAccount(accountId) : null;
    await step('rate_limited', account && account.accountId ? account : null);
  }
}

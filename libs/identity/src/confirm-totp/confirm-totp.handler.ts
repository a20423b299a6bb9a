/** Completes authenticator enrolment: one good TOTP code proves the app holds the secret. */
import { Inject, Injectable } from '@nestjs/common';
import type { RequestOrigin } from '@vaxledger/auth';
import { z } from 'zod';
import { signInMetadata } from '../command-metadata';
import { type AccountState, isLocked } from '../domain/account.decider';
import { accountLocked, invalidOtp, otpReplayed } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';
import { lockAccount } from '../sign-in/failed-steps';
import { checkTotp } from '../sign-in/second-factor';

export const confirmTotpSchema = z.object({
  username: z.string().trim().min(1).max(128),
  code: z.string().trim().min(1).max(16),
});

@Injectable()
export class ConfirmTotpHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(command: z.infer<typeof confirmTotpSchema>, origin: RequestOrigin) {
    const { ctx } = this;
    const now = ctx.clock.now();
    const accountId = await ctx.write.accountIdForUsername(command.username);
    const found = accountId ? await ctx.write.findAccount(accountId) : null;
    // Nothing to confirm looks the same as a wrong code: usernames are not probed through this route.
    if (!found || found.lifecycle !== 'enrolling' || found.otpMethod !== 'totp') throw invalidOtp(0);
    const account = found as AccountState & { accountId: string };
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!, now);
    const meta = signInMetadata(account, now, origin.correlationId);
    // Counted before it is judged, like a sign-in code: parallel guesses beyond the limit are never checked.
    const attempts = await ctx.failures.record(account.accountId);
    if (attempts > ctx.settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK) {
      const { lockedUntil } = await lockAccount(ctx, account, attempts, meta);
      throw accountLocked(lockedUntil ?? new Date(now.getTime() + ctx.lockout.baseLockMs).toISOString(), now);
    }
    const check = await checkTotp(ctx, account, command.code, now);
    if (check !== 'accepted') {
      if (attempts >= ctx.settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK) {
        const { lockedUntil } = await lockAccount(ctx, account, attempts, meta);
        await ctx.failures.reset(account.accountId);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
      }
      throw check === 'replayed' ? otpReplayed(0) : invalidOtp(0);
    }
    await ctx.write.accounts.handle(identityStreams.account(account.accountId), { type: 'ConfirmTotpEnrolment', now }, meta);
    await ctx.failures.reset(account.accountId);
    return { accountId: account.accountId, activated: true };
  }
}

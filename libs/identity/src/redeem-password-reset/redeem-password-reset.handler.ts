/**
 * POST /auth/password-reset: the person redeems the token of an administrator's password reset with a new
 * password. Throttled like sign-ins (the per-address bucket, and a bucket per account the token names) before
 * anything else; an unknown, used or expired token is one answer (401 `reset_token_invalid`); the new password
 * meets the policy of activation; every session of the account ends. The next sign-in still asks for the OTP.
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { accountIdOfToken, passwordResetTokenHash, usernameKey } from '../credentials/one-time-secrets';
import type { PasswordHasher } from '../credentials/password-hasher';
import { holdsPasswordResetTicket } from '../domain/account.decider';
import { resetTokenInvalid, weakPassword } from '../domain/identity-errors';
import { passwordProblems } from '../domain/password-policy';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import { loginRateLimited, type LoginThrottle } from '../login/login-throttle';
import type { AccountRevocation } from '../sessions/account-revocation';
import { signInActor } from '../sign-in/sign-in-actor';
import { redeemPasswordResetSchema } from './redeem-password-reset.command';

export class RedeemPasswordResetHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly hasher: PasswordHasher,
    private readonly loginThrottle: LoginThrottle,
    private readonly revocation: AccountRevocation,
    /** Keys the throttle's per-account bucket, so its key names no account id in the clear. */
    private readonly usernamesKey: Buffer,
    private readonly deliveredCodesKey: Buffer,
    private readonly clock: Clock,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<void> {
    const command = parseInput(redeemPasswordResetSchema, body);
    const now = this.clock.now();
    const accountId = accountIdOfToken(command.token);
    // The login buckets, judged before any lookup or hash: a garbled token is throttled like a real one.
    const verdict = await this.loginThrottle.admit(origin.ip, usernameKey(this.usernamesKey, `password-reset:${accountId ?? '-'}`), now);
    if (verdict.refused) throw loginRateLimited(verdict.retryAfterMs);
    const account = accountId ? await this.write.findAccount(accountId) : null;
    const tokenHash = passwordResetTokenHash(this.deliveredCodesKey, command.token);
    // Asked here before the costly password hash; the decider checks it again (with the account's state) on the write.
    if (!account || !holdsPasswordResetTicket(account, tokenHash, now)) throw resetTokenInvalid();
    const problems = passwordProblems(command.password, account.username);
    if (problems.length) throw weakPassword(problems);
    const passwordHash = await this.hasher.hash(command.password);
    await this.write.accounts.handle(
      identityStreams.account(accountId!),
      { type: 'RedeemPasswordReset', tokenHash, passwordHash, now },
      commandMetadata(signInActor(account), origin, now),
    );
    await this.revocation.revokeEverythingBefore(accountId!, now, now);
  }
}

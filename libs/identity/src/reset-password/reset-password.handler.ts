/**
 * POST /accounts/:id/password-reset: an administrator who may suspend the account resets its password. The old
 * password stops working, every token and session of the account from before this instant stays refused (also
 * after a later reinstatement), and a single-use reset token (256 random bits, only its keyed hash stored) goes
 * to the person's own e-mail through the delivery port. The token is never logged, put in a URL or an event.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock, type MessageDelivery } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';
import { newPasswordResetToken } from '../credentials/one-time-secrets';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import type { AdministeredAccounts } from '../scope/administered-accounts';
import type { AccountRevocation } from '../sessions/account-revocation';
import type { PasswordResetIssuedAnswer } from './reset-password.answer';


export class ResetPasswordHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly administered: AdministeredAccounts,
    private readonly revocation: AccountRevocation,
    private readonly delivery: MessageDelivery,
    private readonly logger: Logger,
    /** Identity's purpose key for delivered codes: reset tokens are kept as HMACs under it. */
    private readonly deliveredCodesKey: Buffer,
    private readonly ttlHours: number,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string): Promise<PasswordResetIssuedAnswer> {
    await this.administered.load(principal, origin, accountId, 'password_reset');
    const meta = commandMetadata(principal, origin, this.clock.now());
    const { token, tokenHash } = newPasswordResetToken(this.deliveredCodesKey, accountId);
    const expiresAt = new Date(meta.now.getTime() + this.ttlHours * 3600_000).toISOString();
    const result = await this.write.accounts.handle(
      identityStreams.account(accountId),
      { type: 'IssuePasswordReset', by: principal.accountId, ticket: { tokenHash, expiresAt }, now: meta.now },
      meta,
    );
    await this.revocation.revokeEverythingBefore(accountId, meta.now, meta.now);
    const profile = result.state.profile;
    if (profile) {
      await this.delivery.send({
        to: profile.email,
        channel: 'email',
        purpose: 'password_reset',
        code: token,
        body:
          `An administrator reset the password of your vaxledger account "${result.state.username}". Choose a new one within ` +
          `${this.ttlHours} hours with this single-use token (POST /api/v1/auth/password-reset, or the console's reset page): ${token}`,
      });
    }
    this.logger.info({ accountId, by: principal.accountId }, 'password reset issued');
    return { accountId, expiresAt };
  }
}

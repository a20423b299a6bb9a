/**
 * Creating an account that awaits activation, the one way every kind of account is made (approved staff,
 * appointed administrators, auditors and reporters): username reservation, grant, activation token sent
 * to the person's own email.
 */
import type { Right, Role } from '@vaxledger/auth';
import type { CommandMetadata, MessageDelivery } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';
import { newActivationToken } from '../credentials/one-time-secrets';
import type { AccountProfile } from '../domain/account.events';
import { usernameTaken } from '../domain/identity-errors';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';

export interface AccountToGrant {
  accountId: string;
  username: string;
  role: Role;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  profile: AccountProfile;
  requestId: string | null;
}

export class AccountGranting {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly delivery: MessageDelivery,
    private readonly logger: Logger,
    readonly activationTtlHours: number,
  ) {}

  async grant(grant: AccountToGrant, meta: CommandMetadata): Promise<string> {
    if (!(await this.write.claim(this.write.usernameReservationStream(grant.username), grant.accountId, meta))) {
      throw usernameTaken([grant.username]);
    }
    const { token, tokenHash } = newActivationToken(grant.accountId);
    const expiresAt = new Date(meta.now.getTime() + this.activationTtlHours * 3600_000).toISOString();
    const stream = identityStreams.account(grant.accountId);
    const granted = await this.write.accounts.handle(stream, { type: 'GrantAccount', ...grant, activation: { tokenHash, expiresAt }, now: meta.now }, meta);
    if (granted.events.length === 0) {
      // A re-run after a crash: the grant exists, so send a fresh token rather than one nobody holds.
      if (granted.state.lifecycle !== 'pending_activation') return grant.accountId;
      await this.write.accounts.handle(stream, { type: 'IssueActivationToken', activation: { tokenHash, expiresAt }, now: meta.now }, meta);
    }
    await this.sendActivation(grant.username, grant.profile.email, token, this.activationTtlHours);
    this.logger.info({ accountId: grant.accountId, role: grant.role }, 'account granted');
    return grant.accountId;
  }

  async sendActivation(username: string, email: string, token: string, hours: number) {
    await this.delivery.send({
      to: email,
      channel: 'email',
      purpose: 'activation',
      code: token,
      body:
        `A vaxledger account "${username}" was granted to you. Activate it within ${hours} hours with this token ` +
        `(POST /api/v1/auth/activate, or the activation page): ${token}`,
    });
  }
}

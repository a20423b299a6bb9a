/**
 * Creating an account that awaits activation, the one way every kind of account is made (approved staff,
 * appointed administrators, auditors and reporters): username reservation, grant, activation token sent
 * to the person's own email.
 */
import type { Right, Role } from '@vaxledger/auth';
import type { CommandMetadata } from '@vaxledger/kernel';
import { newActivationToken } from '../credentials/one-time-secrets';
import type { AccountProfile } from '../domain/account.events';
import { usernameTaken } from '../domain/identity-errors';
import type { IdentityContext } from '../identity-context';
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

export async function grantAccount(ctx: IdentityContext, grant: AccountToGrant, meta: CommandMetadata): Promise<string> {
  if (!(await ctx.write.claim(ctx.write.usernameReservationStream(grant.username), grant.accountId, meta))) {
    throw usernameTaken([grant.username]);
  }
  const { token, tokenHash } = newActivationToken(grant.accountId);
  const expiresAt = new Date(meta.now.getTime() + ctx.settings.IDENTITY_ACTIVATION_TTL_HOURS * 3600_000).toISOString();
  const stream = identityStreams.account(grant.accountId);
  const granted = await ctx.write.accounts.handle(stream, { type: 'GrantAccount', ...grant, activation: { tokenHash, expiresAt }, now: meta.now }, meta);
  if (granted.events.length === 0) {
    // A re-run after a crash: the grant exists, so send a fresh token rather than one nobody holds.
    if (granted.state.lifecycle !== 'pending_activation') return grant.accountId;
    await ctx.write.accounts.handle(stream, { type: 'IssueActivationToken', activation: { tokenHash, expiresAt }, now: meta.now }, meta);
  }
  await sendActivation(ctx, grant.username, grant.profile.email, token, ctx.settings.IDENTITY_ACTIVATION_TTL_HOURS);
  ctx.logger.info({ accountId: grant.accountId, role: grant.role }, 'account granted');
  return grant.accountId;
}

export async function sendActivation(ctx: IdentityContext, username: string, email: string, token: string, hours: number) {
  await ctx.delivery.send({
    to: email,
    channel: 'email',
    purpose: 'activation',
    code: token,
    body:
      `A vaxledger account "${username}" was granted to you. Activate it within ${hours} hours with this token ` +
      `(POST /api/v1/auth/activate, or the activation page): ${token}`,
  });
}

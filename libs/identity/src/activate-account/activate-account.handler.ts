/**
 * Activation: the person presents the token that reached their own email, chooses a password and an OTP
 * method. TOTP (the default) returns an otpauth:// URI for the authenticator app; one good code then
 * completes enrolment (`POST /api/v1/auth/totp/confirm`).
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import type { ActivatedAccountAnswer } from './activate-account.answer';
import { activateAccountSchema } from './activate-account.command';
import { signInActor } from '../sign-in/sign-in-actor';
import { accountIdOfToken, sha256Hex } from '../credentials/one-time-secrets';
import { newTotpSecret, otpauthUri } from '../credentials/totp';
import { activationTokenInvalid, weakPassword } from '../domain/identity-errors';
import { holdsActivationTicket } from '../domain/account.decider';
import { passwordProblems } from '../domain/password-policy';
import { identityStreams } from '../identity-streams';
import type { IdentitySettings } from '../identity-settings';
import type { IdentityWriteModel } from '../identity-write-model';
import type { PasswordHasher } from '../credentials/password-hasher';
import type { SecretSealer } from '../credentials/secret-sealing';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export class ActivateAccountHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly write: IdentityWriteModel,
    private readonly hasher: PasswordHasher,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<ActivatedAccountAnswer> {
    const command = parseInput(activateAccountSchema, body);
    const now = this.clock.now();
    const accountId = accountIdOfToken(command.token);
    const account = accountId ? await this.write.findAccount(accountId) : null;
    const tokenHash = sha256Hex(command.token);
    // Asked here before the costly password hash; the decider checks it again (with the account's state) on the write.
    if (!account || !holdsActivationTicket(account, tokenHash, now)) throw activationTokenInvalid();
    const problems = passwordProblems(command.password, account.username);
    if (problems.length) throw weakPassword(problems);
    const passwordHash = await this.hasher.hash(command.password);
    const secret = command.otpMethod === 'totp' ? newTotpSecret() : null;
    await this.write.accounts.handle(
      identityStreams.account(accountId!),
      {
        type: 'ActivateAccount',
        tokenHash,
        passwordHash,
        otpMethod: command.otpMethod,
        sealedTotpSecret: secret ? this.sealer.seal(secret) : null,
        now,
      },
      commandMetadata(signInActor(account), origin, now),
    );
    return {
      accountId: accountId!,
      method: command.otpMethod,
      otpauthUri: secret ? otpauthUri(secret, account.username!, this.settings.IDENTITY_TOTP_ISSUER) : null,
    };
  }
}

/** Opening a one-time-code challenge for an account, and checking a code against it. */
import { newOpaqueId } from '@vaxledger/kernel';
import { deliveredCodeHash, randomSixDigitCode, sameHash } from '../credentials/one-time-secrets';
import { matchingTimeStep } from '../credentials/totp';
import type { AccountState } from '../domain/account.decider';
import type { OtpMethod } from '../domain/account.events';
import type { MessageDelivery } from '@vaxledger/kernel';
import type { SecretSealer } from '../credentials/secret-sealing';
import { challengeLifetimeMs, type OtpChallenge, type OtpChallenges } from '../otp/otp-challenges';
import type { TotpReplayGuard } from '../otp/totp-replay-guard';

export type CodeCheck = 'accepted' | 'wrong' | 'replayed';

export class SecondFactor {
  constructor(
    private readonly challenges: OtpChallenges,
    private readonly delivery: MessageDelivery,
    private readonly sealer: SecretSealer,
    private readonly replayGuard: TotpReplayGuard,
    /** Identity's purpose key for delivered (SMS, email) codes: only their keyed hash is kept. */
    private readonly deliveredCodesKey: Buffer,
  ) {}

  async open(
    account: AccountState & { accountId: string },
    purpose: OtpChallenge['purpose'],
    sessionId: string | null,
    now: Date,
    stepUpFor?: OtpChallenge['stepUpFor'],
  ): Promise<OtpChallenge> {
    const method: OtpMethod = account.otpMethod ?? 'totp';
    const challengeId = newOpaqueId();
    let code: string | null = null;
    if (method !== 'totp') code = randomSixDigitCode();
    const challenge: OtpChallenge = {
      challengeId,
      accountId: account.accountId,
      purpose,
      method,
      expiresAt: new Date(now.getTime() + challengeLifetimeMs).toISOString(),
      codeHash: code ? deliveredCodeHash(this.deliveredCodesKey, challengeId, code) : null,
      sessionId,
      ...(stepUpFor ? { stepUpFor } : {}),
    };
    await this.challenges.open(challenge);
    if (code && account.profile) {
      const to = method === 'sms' ? account.profile.phone : account.profile.email;
      const what = purpose === 'login' ? 'sign in to' : 'confirm a sensitive change in';
      await this.delivery.send({
        to,
        channel: method === 'sms' ? 'sms' : 'email',
        purpose: 'otp',
        code,
        body: `Your vaxledger code to ${what} your account is ${code}. It is valid for 5 minutes. Never share it.`,
      });
    }
    return challenge;
  }

  /** TOTP codes are checked against the account's secret and the replay guard; delivered codes against their hash. */
  async check(
    account: AccountState & { accountId: string },
    challenge: Pick<OtpChallenge, 'challengeId' | 'method' | 'codeHash'>,
    code: string,
    now: Date,
  ): Promise<CodeCheck> {
    if (challenge.method === 'totp') return this.checkTotp(account, code, now);
    if (!challenge.codeHash || !/^\d{6}$/.test(code)) return 'wrong';
    return sameHash(deliveredCodeHash(this.deliveredCodesKey, challenge.challengeId, code), challenge.codeHash) ? 'accepted' : 'wrong';
  }

  async checkTotp(
    account: AccountState & { accountId: string },
    code: string,
    now: Date,
  ): Promise<CodeCheck> {
    if (!account.sealedTotpSecret) return 'wrong';
    const step = matchingTimeStep(this.sealer.open(account.sealedTotpSecret), code.trim(), now);
    if (step === null) return 'wrong';
    return (await this.replayGuard.claim(account.accountId, step)) ? 'accepted' : 'replayed';
  }
}

/**
 * Pending one-time-code challenges (sign-in and step-up) in the KeyValueStore: at most five wrong codes each,
 * single use, gone after five minutes. Delivered codes are kept only as a hash bound to the challenge.
 */
import type { KeyValueStore } from '@vaxledger/kernel';
import type { OtpMethod } from '../domain/account.events';

export const wrongCodesPerChallenge = 5;
export const challengeLifetimeMs = 5 * 60_000;

export interface OtpChallenge {
  challengeId: string;
  accountId: string;
  purpose: 'login' | 'step_up';
  method: OtpMethod;
  expiresAt: string;
  /** HMAC (delivered-codes key) of challengeId + delivered code; null for TOTP. */
  codeHash: string | null;
  /** For step-up: the session that asked, so the token goes to the same caller. */
  sessionId: string | null;
  /** For step-up: the subject (and the sensitive fields, when named) the token will be bound to. */
  stepUpFor?: { subjectId: string; fields: string[] | null };
}

const challengeKey = (id: string) => `otp:challenge:${id}`;
const failuresKey = (id: string) => `otp:challenge-failures:${id}`;

export class OtpChallenges {
  constructor(private readonly kv: KeyValueStore) {}

  async open(challenge: OtpChallenge): Promise<void> {
    await this.kv.set(challengeKey(challenge.challengeId), JSON.stringify(challenge), challengeLifetimeMs);
  }

  /** The live challenge, or null when unknown, expired (by the service clock too) or closed. */
  async find(challengeId: string, now: Date): Promise<OtpChallenge | null> {
    if (!/^[0-9a-f-]{36}$/.test(challengeId)) return null;
    const raw = await this.kv.get(challengeKey(challengeId));
    if (!raw) return null;
    const challenge = JSON.parse(raw) as OtpChallenge;
    if (Date.parse(challenge.expiresAt) <= now.getTime()) {
      await this.close(challengeId);
      return null;
    }
    return challenge;
  }

  /**
   * Counts an attempt at the challenge BEFORE its code is judged (one atomic increment), so however many
   * guesses arrive at once, only the first five are ever judged. Returns the attempt's number (1, 2, …).
   */
  countAttempt(challengeId: string): Promise<number> {
    return this.kv.increment(failuresKey(challengeId), challengeLifetimeMs);
  }

  /** Takes the challenge for a verified code; false when another request consumed it first. */
  async consume(challengeId: string): Promise<boolean> {
    return (await this.kv.getAndDelete(challengeKey(challengeId))) !== null;
  }

  async close(challengeId: string): Promise<void> {
    await this.kv.delete(challengeKey(challengeId));
  }
}

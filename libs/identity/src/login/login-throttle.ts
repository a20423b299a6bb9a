/**
 * Login throttling, all of it judged before a password hash runs (issue 13 item 7):
 *
 * - a token bucket per client address and one per username (the keyed hash of what was typed, so an unknown
 *   username is throttled exactly like a known one and the answer reveals nothing);
 * - a progressive delay per username after consecutive wrong passwords: the first few are free, then each
 *   further one makes the username wait twice as long (1 s, 2 s, 4 s … at most 15 min by default). That slows
 *   guessing to a crawl without letting anyone lock a colleague out: the hard lock comes only after 100
 *   (NIST SP 800-63B), so a hundred guesses take many hours.
 *
 * Refusals are 429 `rate_limited` with `Retry-After`. State lives in the key-value port, so every identity
 * process behind the gateway shares it.
 */
import { DomainError, type KeyValueStore, type TokenBucket } from '@vaxledger/kernel';

export interface LoginThrottleSettings {
  addressBucket: TokenBucket;
  usernameBucket: TokenBucket;
  freeFailures: number;
  delayBaseMs: number;
  delayMaxMs: number;
}

export type ThrottleRefusal = { refused: true; reason: 'address' | 'username' | 'password_delay'; retryAfterMs: number };
export type ThrottleVerdict = { refused: false } | ThrottleRefusal;

const failuresKey = (nameKey: string) => `login:password-failures:${nameKey}`;
const delayKey = (nameKey: string) => `login:password-delay:${nameKey}`;
/** A run of wrong passwords older than this no longer counts. */
const failureRunMs = 24 * 3600_000;

export class LoginThrottle {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly settings: LoginThrottleSettings,
  ) {}

  /** Takes a token from both buckets and checks the username's delay; nothing here hashes a password. */
  async admit(clientAddress: string, nameKey: string, now: Date): Promise<ThrottleVerdict> {
    const address = await this.kv.takeToken(`login:bucket:address:${clientAddress}`, this.settings.addressBucket, now.getTime());
    if (!address.taken) return { refused: true, reason: 'address', retryAfterMs: address.retryAfterMs };
    const username = await this.kv.takeToken(`login:bucket:username:${nameKey}`, this.settings.usernameBucket, now.getTime());
    if (!username.taken) return { refused: true, reason: 'username', retryAfterMs: username.retryAfterMs };
    const waitUntil = await this.kv.get(delayKey(nameKey));
    if (waitUntil !== null && Number(waitUntil) > now.getTime()) {
      return { refused: true, reason: 'password_delay', retryAfterMs: Number(waitUntil) - now.getTime() };
    }
    return { refused: false };
  }

  /** Counts a wrong password for the username and sets its next wait; returns the consecutive count. */
  async recordWrongPassword(nameKey: string, now: Date): Promise<number> {
    const failures = await this.kv.increment(failuresKey(nameKey), failureRunMs);
    const delayMs = this.delayAfter(failures);
    if (delayMs > 0) await this.kv.set(delayKey(nameKey), String(now.getTime() + delayMs), delayMs + 60_000);
    return failures;
  }

  /** A right password (or an administrator's unlock) ends the run of wrong ones. */
  async reset(nameKey: string): Promise<void> {
    await this.kv.delete(failuresKey(nameKey));
    await this.kv.delete(delayKey(nameKey));
  }

  delayAfter(failures: number): number {
    const over = failures - this.settings.freeFailures;
    if (over <= 0) return 0;
    return Math.min(this.settings.delayMaxMs, this.settings.delayBaseMs * 2 ** Math.min(over - 1, 30));
  }
}

export const loginRateLimited = (retryAfterMs: number) =>
  new DomainError('rate_limited', 'rate_limited', 'Too many sign-in attempts; wait before trying again.', {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });

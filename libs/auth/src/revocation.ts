import type { KeyValueStore } from '@vaxledger/kernel';
import type { Principal } from './principal';

/** The longest an access token can live (security baseline); revocation entries need to outlive it, no more. */
export const maxAccessTokenLifetimeMs = 15 * 60_000;
/** Clocks of the issuing and the checking service may disagree a little; entries live this much longer. */
const clockSkewMs = 60_000;

/**
 * Access tokens are short-lived, but logout, suspension and lockout must take effect at once: each service
 * keeps a revocation list, fed by identity's `SessionEnded` / `AccountSuspended` / `AccountLocked` events,
 * checked on every request.
 *
 * - An ended session is revoked by its id.
 * - Suspension and lockout (and a password reset, when the account's credentials change) record a per-account
 *   "not valid before" instant: every token of that account issued before it is refused. Reinstating or
 *   unlocking the account does NOT lift it — it only lets new sign-ins through, whose tokens are issued after
 *   the instant — so no event, genuine or forged, can bring an old token back to life.
 *
 * Entries live as long as an access token can (plus clock skew): after that every token they could refuse has
 * expired anyway.
 */
export class RevocationList {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly ttlMs = maxAccessTokenLifetimeMs + clockSkewMs,
  ) {}

  revokeSession(sessionId: string): Promise<void> {
    return this.kv.set(`revoked:session:${sessionId}`, '1', this.ttlMs);
  }

  /**
   * Refuses every token of the account issued before `instant`. Keeps the latest instant when several arrive
   * (suspension and lockout, or events delivered out of order).
   */
  async revokeTokensIssuedBefore(accountId: string, instant: Date, now: Date = new Date()): Promise<void> {
    // An instant older than a token's lifetime refuses nothing still alive (an old event replayed): skip it.
    const remainingMs = instant.getTime() + this.ttlMs - now.getTime();
    if (remainingMs <= 0) return;
    const key = `revoked:account-not-before:${accountId}`;
    const current = await this.kv.get(key);
    if (current !== null && Number(current) >= instant.getTime()) return;
    await this.kv.set(key, String(instant.getTime()), Math.max(this.ttlMs, remainingMs));
  }

  /** The account's "not valid before" instant in epoch ms, or null when none is in force. */
  async notValidBefore(accountId: string): Promise<number | null> {
    const value = await this.kv.get(`revoked:account-not-before:${accountId}`);
    return value === null ? null : Number(value);
  }

  /**
   * Whether a token is refused. `issuedAtMs` is its `iat` (whole seconds, times 1000): a token issued in the
   * same second as the instant but after it is refused too — the user signs in once more, nothing is lost.
   */
  async isRevoked(p: Principal, issuedAtMs: number): Promise<boolean> {
    const [session, notBefore] = await this.kv.getMany([
      `revoked:session:${p.sessionId}`,
      `revoked:account-not-before:${p.accountId}`,
    ]);
    if (session !== null) return true;
    return notBefore !== null && issuedAtMs <= Number(notBefore);
  }
}

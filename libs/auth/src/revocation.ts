import type { KeyValueStore } from '@vaxledger/kernel';
import type { Principal } from './principal';

/**
 * Access tokens are short-lived, but logout and suspension must take effect at once: each service keeps
 * a revocation list, fed by identity's `SessionEnded` / `AccountSuspended` events, checked on every request.
 * Entries live as long as an access token can (15 min) — after that the token has expired anyway.
 */
export class RevocationList {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly ttlMs = 15 * 60_000,
  ) {}

  revokeSession(sessionId: string): Promise<void> {
    return this.kv.set(`revoked:session:${sessionId}`, '1', this.ttlMs);
  }

  revokeAccount(accountId: string): Promise<void> {
    return this.kv.set(`revoked:account:${accountId}`, '1', this.ttlMs);
  }

  /** A reinstated account may log in again: its new sessions must not be blocked by the old entry. */
  clearAccount(accountId: string): Promise<void> {
    return this.kv.delete(`revoked:account:${accountId}`);
  }

  async isRevoked(p: Principal): Promise<boolean> {
    const [session, account] = await Promise.all([
      this.kv.get(`revoked:session:${p.sessionId}`),
      this.kv.get(`revoked:account:${p.accountId}`),
    ]);
    return session !== null || account !== null;
  }
}

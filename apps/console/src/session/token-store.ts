/**
 * The tokens of the signed-in session, kept in sessionStorage: a reload keeps the session, closing the tab ends
 * it, and other tabs never share (and so never race to rotate) the refresh token.
 */
import type { IssuedTokens } from '../api/contract';

const storageKey = 'vaxledger.session';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Browser time (ms) after which the access token should be renewed before use. */
  renewAfter: number;
}

export class TokenStore {
  private tokens: StoredTokens | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Storage | null = typeof sessionStorage === 'undefined' ? null : sessionStorage,
  ) {
    try {
      const saved = this.storage?.getItem(storageKey);
      this.tokens = saved ? (JSON.parse(saved) as StoredTokens) : null;
    } catch {
      this.tokens = null;
    }
  }

  current(): StoredTokens | null {
    return this.tokens;
  }

  store(issued: IssuedTokens): void {
    // Renew 30 s early so a request never leaves with a token about to lapse.
    const lifetimeMs = Math.max(10, issued.expiresIn - 30) * 1000;
    this.tokens = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      renewAfter: Date.now() + lifetimeMs,
    };
    this.storage?.setItem(storageKey, JSON.stringify(this.tokens));
    this.notify();
  }

  clear(): void {
    if (!this.tokens) return;
    this.tokens = null;
    this.storage?.removeItem(storageKey);
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Refresh sessions in the KeyValueStore: 30 minutes idle, 12 hours in all, refresh tokens rotated on every
 * use. Presenting an already-rotated refresh token ends the session (it was copied).
 */
import type { KeyValueStore } from '@vaxledger/kernel';
import { randomToken, sameHash, sha256Hex } from '../credentials/one-time-secrets';

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const defaultSessionLimits: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

export interface RefreshSession {
  sessionId: string;
  accountId: string;
  createdAt: string;
  lastUsedAt: string;
  absoluteExpiresAt: string;
  refreshTokenHash: string;
  previousRefreshTokenHash: string | null;
  ip: string;
  userAgent: string;
}

export type RotationResult =
  | { outcome: 'rotated'; session: RefreshSession; refreshToken: string }
  | { outcome: 'invalid' }
  | { outcome: 'reused'; session: RefreshSession };

const sessionKey = (sid: string) => `session:${sid}`;
const indexPrefix = (accountId: string) => `session-of:${accountId}:`;

export class RefreshSessions {
  constructor(
    private readonly kv: KeyValueStore,
    readonly limits: SessionLimits = defaultSessionLimits,
  ) {}

  async start(input: { sessionId: string; accountId: string; ip: string; userAgent: string; now: Date }): Promise<{
    session: RefreshSession;
    refreshToken: string;
  }> {
    const refreshToken = `${input.sessionId}.${randomToken()}`;
    const session: RefreshSession = {
      sessionId: input.sessionId,
      accountId: input.accountId,
      createdAt: input.now.toISOString(),
      lastUsedAt: input.now.toISOString(),
      absoluteExpiresAt: new Date(input.now.getTime() + this.limits.absoluteMs).toISOString(),
      refreshTokenHash: sha256Hex(refreshToken),
      previousRefreshTokenHash: null,
      ip: input.ip,
      userAgent: input.userAgent,
    };
    await this.save(session, input.now);
    return { session, refreshToken };
  }

  async get(sessionId: string, now: Date): Promise<RefreshSession | null> {
    const raw = await this.kv.get(sessionKey(sessionId));
    if (!raw) return null;
    const session = JSON.parse(raw) as RefreshSession;
    if (!this.isLive(session, now)) {
      await this.end(session);
      return null;
    }
    return session;
  }

  async rotate(refreshToken: string, now: Date): Promise<RotationResult> {
    const sessionId = refreshToken.split('.')[0] ?? '';
    if (!/^[0-9a-f-]{36}$/.test(sessionId)) return { outcome: 'invalid' };
    const session = await this.get(sessionId, now);
    if (!session) return { outcome: 'invalid' };
    const presented = sha256Hex(refreshToken);
    if (session.previousRefreshTokenHash && sameHash(presented, session.previousRefreshTokenHash)) {
      return { outcome: 'reused', session };
    }
    if (!sameHash(presented, session.refreshTokenHash)) return { outcome: 'invalid' };
    // Two requests racing with the same token: only the first rotates; the second looks like a copied token.
    if (!(await this.kv.setIfAbsent(`refresh-used:${presented}`, '1', this.limits.idleMs))) {
      return { outcome: 'reused', session };
    }
    const next = `${sessionId}.${randomToken()}`;
    const rotated: RefreshSession = {
      ...session,
      lastUsedAt: now.toISOString(),
      previousRefreshTokenHash: presented,
      refreshTokenHash: sha256Hex(next),
    };
    await this.save(rotated, now);
    return { outcome: 'rotated', session: rotated, refreshToken: next };
  }

  async listForAccount(accountId: string, now: Date): Promise<RefreshSession[]> {
    const keys = await this.kv.keys(indexPrefix(accountId));
    const sessions = await Promise.all(keys.map((k) => this.get(k.slice(indexPrefix(accountId).length), now)));
    return sessions.filter((s): s is RefreshSession => s !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async end(session: Pick<RefreshSession, 'sessionId' | 'accountId'>): Promise<void> {
    await this.kv.delete(sessionKey(session.sessionId));
    await this.kv.delete(indexPrefix(session.accountId) + session.sessionId);
  }

  private isLive(session: RefreshSession, now: Date): boolean {
    return (
      Date.parse(session.absoluteExpiresAt) > now.getTime() && Date.parse(session.lastUsedAt) + this.limits.idleMs > now.getTime()
    );
  }

  private async save(session: RefreshSession, now: Date): Promise<void> {
    const ttl = Math.max(
      1,
      Math.min(this.limits.idleMs, Date.parse(session.absoluteExpiresAt) - now.getTime()),
    );
    await this.kv.set(sessionKey(session.sessionId), JSON.stringify(session), ttl);
    await this.kv.set(indexPrefix(session.accountId) + session.sessionId, '1', ttl);
  }
}

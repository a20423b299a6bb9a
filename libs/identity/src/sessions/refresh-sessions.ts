/**
 * Refresh sessions in the KeyValueStore: 30 minutes idle, 12 hours in all, refresh tokens rotated on every
 * use. Presenting ANY earlier refresh token of a session — not only the one just before — ends the session
 * (it was copied): every rotated token is remembered, as a hash, for as long as its session can live.
 * The sessions of an account are listed from a per-account set, never by scanning the keyspace.
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
  ip: string;
  userAgent: string;
}

export type RotationResult =
  | { outcome: 'rotated'; session: RefreshSession; refreshToken: string }
  | { outcome: 'invalid' }
  | { outcome: 'reused'; session: RefreshSession };

const sessionKey = (sid: string) => `session:${sid}`;
const accountIndexKey = (accountId: string) => `sessions-of-account:${accountId}`;
const rotatedTokenKey = (tokenHash: string) => `refresh-used:${tokenHash}`;

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
    if (!sameHash(presented, session.refreshTokenHash)) {
      // Any earlier token of this session (its hash covers the session id, so it cannot be another's).
      const rotatedFrom = await this.kv.get(rotatedTokenKey(presented));
      return rotatedFrom === sessionId ? { outcome: 'reused', session } : { outcome: 'invalid' };
    }
    // Two requests racing with the same token: only the first rotates; the second looks like a copied token.
    // The mark stays as long as the session can live, so this token is recognised whenever it comes back.
    const sessionLeftMs = Math.max(1, Date.parse(session.absoluteExpiresAt) - now.getTime());
    if (!(await this.kv.setIfAbsent(rotatedTokenKey(presented), sessionId, sessionLeftMs))) {
      return { outcome: 'reused', session };
    }
    const next = `${sessionId}.${randomToken()}`;
    const rotated: RefreshSession = {
      ...session,
      lastUsedAt: now.toISOString(),
      refreshTokenHash: sha256Hex(next),
    };
    await this.save(rotated, now);
    return { outcome: 'rotated', session: rotated, refreshToken: next };
  }

  async listForAccount(accountId: string, now: Date): Promise<RefreshSession[]> {
    const sessionIds = await this.kv.setMembers(accountIndexKey(accountId));
    const raw = await this.kv.getMany(sessionIds.map(sessionKey));
    const live: RefreshSession[] = [];
    for (const [i, value] of raw.entries()) {
      const session = value ? (JSON.parse(value) as RefreshSession) : null;
      if (session && session.accountId === accountId && this.isLive(session, now)) {
        live.push(session);
        continue;
      }
      // Gone by expiry or ended elsewhere: drop it from the index (and an idle-expired session with it).
      if (session && session.accountId === accountId) await this.kv.delete(sessionKey(sessionIds[i]));
      await this.kv.removeFromSet(accountIndexKey(accountId), sessionIds[i]);
    }
    return live.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async end(session: Pick<RefreshSession, 'sessionId' | 'accountId'>): Promise<void> {
    await this.kv.delete(sessionKey(session.sessionId));
    await this.kv.removeFromSet(accountIndexKey(session.accountId), session.sessionId);
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
    // The index lives as long as the longest session it can hold: a full session lifetime from now.
    await this.kv.addToSet(accountIndexKey(session.accountId), session.sessionId, this.limits.absoluteMs);
  }
}

/**
 * The short-lived sign-in state (OTP challenges, failure runs, TOTP replay guard, refresh sessions) behaves
 * the same on the standalone MemoryStore and on Redis.
 */
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '@vaxledger/kernel';
import { MemoryStore, RedisStore } from '@vaxledger/kv-store';
import { describeWithEngine, redisTestConnection } from '@vaxledger/testing';
import { ConsecutiveFailures } from '../src/otp/failure-counter';
import { OtpChallenges } from '../src/otp/otp-challenges';
import { TotpReplayGuard } from '../src/otp/totp-replay-guard';
import { RefreshSessions } from '../src/sessions/refresh-sessions';

function signInStateContract(makeStore: () => KeyValueStore) {
  let kv: KeyValueStore;
  beforeEach(() => {
    kv = makeStore();
  });
  afterEach(() => kv.close());

  const now = new Date();

  it('numbers 50 concurrent attempts at one challenge exactly once each, so only five can be judged', async () => {
    const challenges = new OtpChallenges(kv);
    const challengeId = randomUUID();
    await challenges.open({
      challengeId,
      accountId: 'acc-1',
      purpose: 'login',
      method: 'totp',
      expiresAt: new Date(now.getTime() + 300_000).toISOString(),
      codeHash: null,
      sessionId: null,
    });
    const numbers = await Promise.all(Array.from({ length: 50 }, () => challenges.countAttempt(challengeId)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(numbers.filter((n) => n <= 5)).toHaveLength(5);
  });

  it('lets a verified challenge be consumed once', async () => {
    const challenges = new OtpChallenges(kv);
    const challengeId = randomUUID();
    await challenges.open({ challengeId, accountId: 'acc-1', purpose: 'login', method: 'sms', expiresAt: new Date(now.getTime() + 300_000).toISOString(), codeHash: 'ab', sessionId: null });
    const results = await Promise.all([challenges.consume(challengeId), challenges.consume(challengeId)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps counting failures across challenges until a sign-in completes', async () => {
    const failures = new ConsecutiveFailures(kv);
    const accountId = `acc-${randomUUID()}`;
    for (let i = 1; i <= 9; i++) expect(await failures.record(accountId)).toBe(i);
    expect(await failures.record(accountId)).toBe(10);
    await failures.reset(accountId);
    expect(await failures.record(accountId)).toBe(1);
  });

  it('accepts a TOTP time step once and never an earlier one afterwards', async () => {
    const guard = new TotpReplayGuard(kv);
    const accountId = `acc-${randomUUID()}`;
    expect(await guard.claim(accountId, 1000)).toBe(true);
    expect(await guard.claim(accountId, 1000)).toBe(false);
    expect(await guard.claim(accountId, 999)).toBe(false);
    expect(await guard.claim(accountId, 1001)).toBe(true);
  });

  it('rotates refresh tokens and reports the reuse of a rotated one', async () => {
    const sessions = new RefreshSessions(kv);
    const started = await sessions.start({ sessionId: randomUUID(), accountId: `acc-${randomUUID()}`, ip: '127.0.0.1', userAgent: 'test', now });
    const rotated = await sessions.rotate(started.refreshToken, now);
    expect(rotated.outcome).toBe('rotated');
    expect((await sessions.rotate(started.refreshToken, now)).outcome).toBe('reused');
    expect((await sessions.listForAccount(started.session.accountId, now)).map((s) => s.sessionId)).toEqual([started.session.sessionId]);
  });

  it('ends a session after 30 idle minutes by the service clock', async () => {
    const sessions = new RefreshSessions(kv);
    const started = await sessions.start({ sessionId: randomUUID(), accountId: `acc-${randomUUID()}`, ip: '127.0.0.1', userAgent: 'test', now });
    const later = new Date(now.getTime() + 30 * 60_000 + 1);
    expect((await sessions.rotate(started.refreshToken, later)).outcome).toBe('invalid');
  });
}

describe('sign-in state on the standalone MemoryStore', () => {
  signInStateContract(() => new MemoryStore());
});

describeWithEngine('redis', 'sign-in state on Redis', (url) => {
  signInStateContract(() => new RedisStore(url, `vx:identity-test:${randomUUID()}:`, redisTestConnection()));
});

/**
 * Logins throttled before the password hash (issue 13 item 7), tried as an attacker would through the real
 * standalone app: address and username buckets answer 429 before argon2 runs, wrong passwords slow a username
 * down but lock it only after 100, wrong codes still lock after 10, and concurrent hashes are bounded.
 */
import argon2 from 'argon2';
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

const login = (kit: IdentityTestKit, username: string, password: string, remoteAddress = '198.51.100.7') =>
  kit.request('POST', '/api/v1/auth/login', { body: { username, password }, remoteAddress });

describe('login throttling before the password hash (issue 13 item 7)', () => {
  let kit: IdentityTestKit;
  let admin: Person;
  let adminToken: string;
  let verifications: jest.SpyInstance;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({
      env: { IDENTITY_LOGIN_ADDRESS_BURST: '6', IDENTITY_LOGIN_USERNAME_BURST: '4', IDENTITY_PASSWORD_FREE_FAILURES: '3' },
    });
    admin = await kit.bootstrapNationalAdmin();
    adminToken = (await kit.signIn(admin)).accessToken;
    verifications = jest.spyOn(argon2, 'verify');
  });
  afterAll(async () => {
    verifications.mockRestore();
    await kit.close();
  });

  /** Lets every bucket refill and every wait pass: the app's clock moves on an hour. */
  const rest = () => kit.clock.advance(3600_000);

  it('answers 429 rate_limited with Retry-After to a flood from one address, before any password hash', async () => {
    rest();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(kit, `khach.${i}`, 'some password 123', '203.0.113.50')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const hashesBefore = verifications.mock.calls.length;
    const refused = await login(kit, admin.username, admin.password, '203.0.113.50');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(verifications.mock.calls.length).toBe(hashesBefore);
    // Nothing changed for the account: from another address its owner signs in at once.
    expect((await login(kit, admin.username, admin.password, '203.0.113.51')).status).toBe(200);
    const history = await eventually(async () => {
      const h = await kit.request('GET', `/api/v1/auth/login-history?username=${admin.username}`, { token: adminToken });
      return h.body.items.some((i: { outcome: string; ip: string }) => i.outcome === 'rate_limited' && i.ip === '203.0.113.50') ? h.body.items : null;
    });
    expect(history.find((i: { outcome: string }) => i.outcome === 'rate_limited')).toMatchObject({ stage: 'password', accountId: admin.accountId });
  });

  it('throttles one username across many addresses, unknown usernames exactly alike', async () => {
    rest();
    const guess = async (username: string) => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await login(kit, username, `guess number ${i} of many`, `192.0.2.${i + 1}`));
      return answers;
    };
    const known = await guess(admin.username);
    const unknown = await guess('khong.co.ai');
    // Free failures (3), then the progressive wait or the username bucket: the same for both.
    expect(known.map((r) => r.status)).toEqual(unknown.map((r) => r.status));
    expect(known[4].status).toBe(429);
    expect(known[4].body.error).toBe('rate_limited');
    expect(Object.keys(known[4].body).sort()).toEqual(Object.keys(unknown[4].body).sort());
  });

  it('slows wrong passwords down progressively and does not lock after ten of them', async () => {
    rest();
    adminToken = (await kit.signIn(admin)).accessToken; // a right password ends any earlier run
    const waits: number[] = [];
    for (let i = 1; i <= 10; i++) {
      rest();
      expect((await login(kit, admin.username, `wrong password ${i} here`)).status).toBe(401);
      if (i <= 3) continue; // the free failures
      const hashesBefore = verifications.mock.calls.length;
      const tooSoon = await login(kit, admin.username, admin.password);
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.body.error).toBe('rate_limited');
      expect(verifications.mock.calls.length).toBe(hashesBefore);
      waits.push(Number(tooSoon.headers['retry-after']));
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    // Ten wrong passwords are no lock: once the wait is over the right one is accepted.
    rest();
    expect((await login(kit, admin.username, admin.password)).status).toBe(200);
  }, 60_000);

  it('locks only at the hundredth consecutive wrong password', async () => {
    rest();
    let last = 0;
    for (let i = 1; i <= 100; i++) {
      const wrong = await login(kit, admin.username, `wrong password ${i} again`);
      last = wrong.status;
      if (i < 100) {
        expect(wrong.status).toBe(401);
        kit.clock.advance(16 * 60_000);
      }
    }
    expect(last).toBe(423);
    const locked = await login(kit, admin.username, admin.password);
    expect(locked.status).toBe(423);
    expect(locked.body.error).toBe('account_locked');
    kit.clock.advance(25 * 3600_000);
    adminToken = (await kit.signIn(admin)).accessToken;
  }, 120_000);

  it('still locks after ten wrong one-time codes', async () => {
    rest();
    for (let challenge = 0; challenge < 2; challenge++) {
      kit.clock.advance(30_000);
      const started = await login(kit, admin.username, admin.password);
      expect(started.status).toBe(200);
      for (let i = 0; i < 5; i++) {
        const r = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: started.body.challengeId, code: kit.wrongCodeFor(admin) } });
        expect(r.status).toBe(challenge === 1 && i === 4 ? 423 : 401);
      }
    }
    expect((await login(kit, admin.username, admin.password)).status).toBe(423);
    kit.clock.advance(25 * 3600_000);
    adminToken = (await kit.signIn(admin)).accessToken;
  });
});

describe('bounded concurrent password hashing (issue 13 item 7)', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({
      env: { IDENTITY_PASSWORD_HASH_CONCURRENCY: '1', IDENTITY_PASSWORD_HASH_QUEUE: '3', IDENTITY_LOGIN_ADDRESS_BURST: '1000' },
    });
    await kit.bootstrapNationalAdmin();
  });
  afterAll(() => kit.close());

  it('runs at most the configured number of hashes at once and refuses the overflow with 429', async () => {
    let running = 0;
    let most = 0;
    const original = argon2.verify.bind(argon2);
    const spy = jest.spyOn(argon2, 'verify').mockImplementation(async (...args: Parameters<typeof argon2.verify>) => {
      running++;
      most = Math.max(most, running);
      try {
        return await original(...args);
      } finally {
        running--;
      }
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(kit, `nguoi.thu.${i}`, 'a password for a flood', `198.18.0.${i + 1}`)),
      );
      const statuses = answers.map((a) => a.status);
      expect(most).toBe(1);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      const busy = answers.find((a) => a.status === 429)!;
      expect(busy.body.error).toBe('rate_limited');
      expect(busy.headers['retry-after']).toBe('1');
    } finally {
      spy.mockRestore();
    }
  });
});

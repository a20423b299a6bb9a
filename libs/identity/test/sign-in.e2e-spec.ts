import { verifyStepUpToken } from '@vaxledger/auth';
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('signing in with password and one-time code (R2, R3)', () => {
  let kit: IdentityTestKit;
  let admin: Person;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    admin = await kit.bootstrapNationalAdmin();
  });
  afterAll(() => kit.close());

  it('issues no token for a correct password alone', async () => {
    const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['challengeId', 'expiresAt', 'method']);
    expect(login.body.method).toBe('totp');
    const unauthenticated = await kit.request('GET', '/api/v1/auth/sessions');
    expect(unauthenticated.status).toBe(401);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const unknown = await kit.request('POST', '/api/v1/auth/login', { body: { username: 'khong.ton.tai', password: 'whatever-password-1' } });
    const wrong = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: 'not the right password' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    // A good sign-in resets the run of failures this test started.
    await kit.signIn(admin);
  });

  it('issues tokens once the authenticator code is verified, and the access token opens the API', async () => {
    const tokens = await kit.signIn(admin);
    expect(tokens.accessToken.split('.')).toHaveLength(3);
    const sessions = await kit.request('GET', '/api/v1/auth/sessions', { token: tokens.accessToken });
    expect(sessions.status).toBe(200);
    expect(sessions.body.items.some((s: { current: boolean }) => s.current)).toBe(true);
  });

  it('kills a challenge after five wrong codes, even for the right code afterwards', async () => {
    kit.clock.advance(30_000);
    const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: kit.wrongCodeFor(admin) } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_otp');
      remaining.push(wrong.body.details.remainingAttempts);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const right = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: kit.codeFor(admin) } });
    expect(right.status).toBe(401);
    expect(right.body.error).toBe('otp_challenge_invalid');
    await kit.signIn(admin);
  });

  it('accepts an authenticator code once and refuses its replay', async () => {
    kit.clock.advance(30_000);
    const code = kit.codeFor(admin);
    const first = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    const used = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: first.body.challengeId, code } });
    expect(used.status).toBe(200);
    const second = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    const replay = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: second.body.challengeId, code } });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('otp_replayed');
    const history = await eventually(async () => {
      const h = await kit.request('GET', '/api/v1/auth/login-history', { token: used.body.accessToken });
      return h.body.items.some((i: { outcome: string }) => i.outcome === 'otp_replayed') ? h : null;
    });
    expect(history.status).toBe(200);
    await kit.signIn(admin);
  });

  it('rotates refresh tokens and ends the session when an old refresh token comes back', async () => {
    const tokens = await kit.signIn(admin);
    const refreshed = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(tokens.refreshToken);
    const reused = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
    expect(reused.status).toBe(401);
    const afterTheft = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } });
    expect(afterTheft.status).toBe(401);
    const access = await kit.request('GET', '/api/v1/auth/sessions', { token: refreshed.body.accessToken });
    expect(access.status).toBe(401);
  });

  it('ends a session at logout at once, and lets a user end another of their sessions', async () => {
    const phone = await kit.signIn(admin);
    const laptop = await kit.signIn(admin);
    const listed = await kit.request('GET', '/api/v1/auth/sessions', { token: laptop.accessToken });
    const phoneSession = listed.body.items.find((s: { current: boolean }) => !s.current);
    expect(phoneSession).toBeDefined();
    const ended = await kit.request('DELETE', `/api/v1/auth/sessions/${phoneSession.sessionId}`, { token: laptop.accessToken });
    expect(ended.status).toBe(204);
    // Whichever non-current session was ended, its tokens are dead; sign the phone in again to be sure of the rest.
    const logout = await kit.request('POST', '/api/v1/auth/logout', { token: laptop.accessToken });
    expect(logout.status).toBe(204);
    const afterLogout = await kit.request('GET', '/api/v1/auth/sessions', { token: laptop.accessToken });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.error).toBe('session_revoked');
    const refresh = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: laptop.refreshToken } });
    expect(refresh.status).toBe(401);
    expect(phone.accessToken).toBeTruthy();
  });

  it('gives a single-use step-up token bound to the account after a fresh code', async () => {
    const tokens = await kit.signIn(admin);
    kit.clock.advance(30_000);
    const started = await kit.request('POST', '/api/v1/auth/step-up', { token: tokens.accessToken, body: { subjectId: 'subject-1' } });
    expect(started.status).toBe(200);
    const verified = await kit.request('POST', '/api/v1/auth/step-up/verify', {
      token: tokens.accessToken,
      body: { challengeId: started.body.challengeId, code: kit.codeFor(admin) },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.expiresIn).toBeLessThanOrEqual(300);
    const claims = await verifyStepUpToken(verified.body.stepUpToken, kit.app.infra.services.identity.keys.tokenPublicKey, kit.clock.now());
    expect(claims).toMatchObject({ accountId: admin.accountId, subjectId: 'subject-1', fields: null });
  });

  it('records every attempt with its outcome, IP, user agent and method in the login history', async () => {
    await kit.request('POST', '/api/v1/auth/login', { body: { username: 'nobody.here', password: 'some-password-12' } });
    await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: 'wrong-password-123' } });
    const tokens = await kit.signIn(admin);
    const history = await eventually(async () => {
      const h = await kit.request('GET', `/api/v1/auth/login-history?username=${admin.username}`, { token: tokens.accessToken });
      const outcomes = new Set(h.body.items.map((i: { outcome: string }) => i.outcome));
      return ['success', 'password_accepted', 'wrong_password', 'wrong_otp', 'otp_replayed'].every((o) => outcomes.has(o)) ? h.body.items : null;
    });
    const success = history.find((i: { outcome: string }) => i.outcome === 'success');
    expect(success).toMatchObject({ accountId: admin.accountId, stage: 'otp', method: 'totp', userAgent: 'identity-e2e/1.0' });
    expect(typeof success.ip).toBe('string');
    const unknown = await eventually(async () => {
      const h = await kit.request('GET', '/api/v1/auth/login-history?username=nobody.here', { token: tokens.accessToken });
      return h.body.items.length ? h.body.items : null;
    });
    expect(unknown[0]).toMatchObject({ accountId: null, outcome: 'unknown_user', method: 'password' });
    const serialized = JSON.stringify(history) + JSON.stringify(unknown);
    expect(serialized).not.toContain(admin.password);
    expect(serialized).not.toContain('some-password-12');
  });
});

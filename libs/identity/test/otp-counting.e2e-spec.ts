/**
 * One-time codes counted before they are judged (issue 13 item 9): fifty guesses fired at one challenge at
 * the same moment get at most five judgements, and none of them a token.
 */
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('one-time codes counted before they are judged (issue 13 item 9)', () => {
  let kit: IdentityTestKit;
  let admin: Person;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    admin = await kit.bootstrapNationalAdmin();
  });
  afterAll(() => kit.close());

  it('judges at most five of fifty parallel guesses at one challenge, issues no token, and records them', async () => {
    kit.clock.advance(30_000);
    const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    expect(login.status).toBe(200);
    const challengeId = login.body.challengeId;
    const wrong = kit.wrongCodeFor(admin);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId, code: wrong } })),
    );
    const judged = answers.filter((a) => a.body.error === 'invalid_otp');
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a.status === 401 || a.status === 423)).toBe(true);
    expect(answers.some((a) => a.body.accessToken)).toBe(false);
    const unjudged = answers.filter((a) => a.body.error !== 'invalid_otp').map((a) => a.body.error);
    expect(new Set(unjudged)).toEqual(new Set(unjudged.filter((e) => e === 'otp_challenge_invalid' || e === 'account_locked')));

    // The right code afterwards gets nothing from that challenge either.
    const right = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId, code: kit.codeFor(admin) } });
    expect(right.status).toBeGreaterThanOrEqual(401);
    expect(right.body.accessToken).toBeUndefined();

    // The login history holds every attempt at that challenge, at most five of them judged wrong.
    kit.clock.advance(25 * 3600_000);
    const token = (await kit.signIn(admin)).accessToken;
    const attempts = await eventually(async () => {
      const h = await kit.request('GET', `/api/v1/auth/login-history?accountId=${admin.accountId}&limit=1000`, { token });
      const forChallenge = h.body.items.filter((i: { challengeId: string; stage: string }) => i.challengeId === challengeId && i.stage === 'otp');
      const wrongOnes = forChallenge.filter((i: { outcome: string }) => i.outcome === 'wrong_otp').length;
      return wrongOnes >= judged.length ? forChallenge : null;
    });
    // Judged attempts are recorded as wrong codes; refused unjudged ones (when the challenge was still found)
    // as a closed challenge or a lock — never as more wrong codes than were judged.
    expect(attempts.filter((i: { outcome: string }) => i.outcome === 'wrong_otp').length).toBe(judged.length);
    expect(attempts.every((i: { outcome: string }) => ['wrong_otp', 'challenge_closed', 'locked'].includes(i.outcome))).toBe(true);
    expect(attempts.filter((i: { outcome: string }) => i.outcome === 'success')).toHaveLength(0);
  });
});

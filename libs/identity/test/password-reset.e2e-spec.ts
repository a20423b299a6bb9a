/**
 * An administrator's password reset (issue 13 item 6), tried through HTTP the way an attacker would: a token
 * issued before the reset stays refused even after a reinstatement, a reset token works once and only before
 * it expires, an administrator of another province is refused (and the refusal recorded), and the reset token
 * is found only in the outbox — never in the answer, the event store or the published events.
 */
import type { CloudEvent } from '@vaxledger/kernel';
import type { AccessDeniedData } from '@vaxledger/contracts';
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person, strongPassword } from './identity-test-kit';

describe("an administrator's password reset (issue 13 item 6)", () => {
  let kit: IdentityTestKit;
  let hanoi: Person;
  let saigon: Person;
  let target: Person;
  let facilityId: string;
  const email = 'tram.datlai@tramyte.example.vn';
  const accountEvents: CloudEvent[] = [];
  const adminToken = async (admin: Person) => (await kit.signIn(admin)).accessToken;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    const national = await kit.bootstrapNationalAdmin();
    const nationalToken = (await kit.signIn(national)).accessToken;
    hanoi = await kit.appointProvinceAdmin(nationalToken, '01', 'soyte.hanoi.reset');
    saigon = await kit.appointProvinceAdmin(nationalToken, '79', 'soyte.hcm.reset');
    facilityId = await kit.registerFacility(await adminToken(hanoi), '01', 'HN-PR-001');
    target = await kit.appointFacilityAdmin(await adminToken(hanoi), facilityId, 'tram.datlai');
    await kit.app.infra.services.identity.bus.subscribe({
      groupId: `password-reset-test-${Date.now()}`,
      topics: ['vaxledger.identity.account.v1'],
      handler: async (message) => void accountEvents.push(message),
    });
  });
  afterAll(() => kit.close());

  const login = (password: string) => kit.request('POST', '/api/v1/auth/login', { body: { username: target.username, password } });
  const resetBy = async (admin: Person) => kit.request('POST', `/api/v1/accounts/${target.accountId}/password-reset`, { token: await adminToken(admin) });
  const redeem = (token: string, password: string) => kit.request('POST', '/api/v1/auth/password-reset', { body: { token, password } });
  const resetMessages = () => kit.outbox().filter((m) => m.purpose === 'password_reset' && m.to === email);
  const latestResetToken = () => resetMessages().pop()!.code;
  const registryStatus = async (accessToken: string) =>
    (await kit.request('GET', `/api/v1/facilities/${facilityId}/subjects`, { token: accessToken })).status;

  it('refuses every token from before the reset, also after a reinstatement; the old password stops working at once', async () => {
    const old = await kit.signIn(target);
    expect(await registryStatus(old.accessToken)).toBe(200);

    const reset = await resetBy(hanoi);
    expect(reset.status).toBe(202);
    expect(reset.body).toEqual({ accountId: target.accountId, expiresAt: expect.any(String) });
    expect(Date.parse(reset.body.expiresAt) - kit.clock.now().getTime()).toBe(24 * 3600_000);

    const identityAnswer = await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken });
    expect(identityAnswer.status).toBe(401);
    expect(identityAnswer.body.error).toBe('session_revoked');
    await eventually(async () => (await registryStatus(old.accessToken)) === 401);
    expect((await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: old.refreshToken } })).status).toBe(401);
    expect((await login(target.password)).body.error).toBe('invalid_credentials');

    const admin = await adminToken(hanoi);
    expect((await kit.request('POST', `/api/v1/accounts/${target.accountId}/suspend`, { token: admin, body: { reason: 'đặt lại' } })).status).toBe(200);
    expect((await kit.request('POST', `/api/v1/accounts/${target.accountId}/reinstate`, { token: admin })).status).toBe(200);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);
    expect(await registryStatus(old.accessToken)).toBe(401);
    expect((await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: old.refreshToken } })).status).toBe(401);

    // The new password, then a sign-in with the one-time code as always; the old password still fails.
    const chosen = strongPassword('đặt lại lần một');
    expect((await redeem(latestResetToken(), chosen)).status).toBe(204);
    expect((await login(target.password)).status).toBe(401);
    target = { ...target, password: chosen };
    const challenge = await login(chosen);
    expect(challenge.status).toBe(200);
    expect(challenge.body.method).toBe('totp');
    const fresh = await kit.signIn(target);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: fresh.accessToken })).status).toBe(200);
    expect(await registryStatus(fresh.accessToken)).toBe(200);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);
  });

  it('keeps the reset token in the outbox only: not in the answer, the event store or the published events', async () => {
    const reset = await resetBy(hanoi);
    expect(reset.status).toBe(202);
    const message = resetMessages().pop()!;
    expect(message).toMatchObject({ to: email, channel: 'email', purpose: 'password_reset' });
    const token = message.code;
    expect(token.startsWith(`${target.accountId}.`)).toBe(true);
    // 256 random bits after the account id (43 base64url characters).
    expect(token.slice(target.accountId.length + 1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(message.body).toContain(token);
    expect(JSON.stringify(reset.body)).not.toContain(token);
    const stored = JSON.stringify(await kit.app.infra.services.identity.eventStore.readAll());
    expect(stored).toContain('PasswordResetIssued');
    expect(stored).not.toContain(token);
    const published = await eventually(async () => accountEvents.filter((e) => e.type === 'PasswordResetIssued').pop());
    expect(published.data).toEqual({ accountId: target.accountId, issuedBy: hanoi.accountId, issuedAt: expect.any(String), expiresAt: reset.body.expiresAt });
    expect(JSON.stringify(accountEvents)).not.toContain(token);

    const chosen = strongPassword('đặt lại lần hai');
    expect((await redeem(token, chosen)).status).toBe(204);
    target = { ...target, password: chosen };
    const changed = await eventually(async () => accountEvents.filter((e) => e.type === 'PasswordChanged').pop());
    expect(Object.keys(changed.data as object).sort()).toEqual(['accountId', 'changedAt']);
  });

  it('refuses a reused token with reset_token_invalid and changes nothing', async () => {
    expect((await resetBy(hanoi)).status).toBe(202);
    const token = latestResetToken();
    const chosen = strongPassword('đặt lại lần ba');
    expect((await redeem(token, chosen)).status).toBe(204);
    target = { ...target, password: chosen };
    const signedIn = await kit.signIn(target);

    const reused = await redeem(token, strongPassword('kẻ gian chọn'));
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: 'reset_token_invalid', message: expect.any(String) });
    expect((await login(strongPassword('kẻ gian chọn'))).status).toBe(401);
    // The reuse ended no session and left the password as it was.
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: signedIn.accessToken })).status).toBe(200);
    await kit.signIn(target);
  });

  it('refuses a weak password (400 weak_password) without spending the token', async () => {
    expect((await resetBy(hanoi)).status).toBe(202);
    const token = latestResetToken();
    for (const weak of ['short', 'password1234', `${target.username}-2021-ok!`]) {
      const refused = await redeem(token, weak);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('weak_password');
      expect(refused.body.details.reasons.length).toBeGreaterThan(0);
    }
    const chosen = strongPassword('đặt lại lần bốn');
    expect((await redeem(token, chosen)).status).toBe(204);
    target = { ...target, password: chosen };
    await kit.signIn(target);
  });

  it('refuses an expired, an unknown and a superseded token with the same reset_token_invalid', async () => {
    expect((await resetBy(hanoi)).status).toBe(202);
    const superseded = latestResetToken();
    expect((await resetBy(hanoi)).status).toBe(202);
    const expiring = latestResetToken();
    expect(expiring).not.toBe(superseded);
    const chosen = strongPassword('đặt lại lần năm');
    expect((await redeem(superseded, chosen)).body.error).toBe('reset_token_invalid');
    const unknown = `${target.accountId}.${'A'.repeat(43)}`;
    expect((await redeem(unknown, chosen)).body.error).toBe('reset_token_invalid');
    expect((await redeem('not-a-token', chosen)).body.error).toBe('reset_token_invalid');

    kit.clock.advance(24 * 3600_000 + 1000);
    const expired = await redeem(expiring, chosen);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('reset_token_invalid');
    expect((await login(chosen)).status).toBe(401);

    // A new reset brings the account back.
    expect((await resetBy(hanoi)).status).toBe(202);
    expect((await redeem(latestResetToken(), chosen)).status).toBe(204);
    target = { ...target, password: chosen };
    await kit.signIn(target);
  });

  it("refuses an administrator of another province (403, recorded) and leaves the account as it was", async () => {
    const signedIn = await kit.signIn(target);
    const before = resetMessages().length;
    const refused = await resetBy(saigon);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('out_of_scope');
    const denial = await eventually(async () =>
      kit.deniedAccess
        .map((m) => m.data as AccessDeniedData)
        .find((d) => d.action === 'identity.account.password_reset' && d.target.accountId === target.accountId),
    );
    expect(denial.actor.accountId).toBe(saigon.accountId);
    expect(denial.reason).toBe('out_of_scope');
    expect(resetMessages().length).toBe(before);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: signedIn.accessToken })).status).toBe(200);
    await kit.signIn(target);

    // Nobody resets their own password this way.
    const own = await kit.request('POST', `/api/v1/accounts/${hanoi.accountId}/password-reset`, { token: await adminToken(hanoi) });
    expect(own.status).toBe(403);
    const unknownAccount = await kit.request('POST', '/api/v1/accounts/00000000-0000-7000-8000-000000000000/password-reset', {
      token: await adminToken(hanoi),
    });
    expect(unknownAccount.status).toBe(404);
  });

  it('throttles redemption attempts with the sign-in buckets (429 + Retry-After)', async () => {
    kit.clock.advance(10 * 60_000);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof redeem>> | null = null;
    for (let i = 0; i < 15 && !limited; i++) {
      const answer = await redeem(`${target.accountId}.${String(i).padStart(43, 'x')}`, strongPassword('đoán'));
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(limited?.body.error).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('documents both routes in the OpenAPI document with their statuses and the error shape', async () => {
    const doc = await kit.request('GET', '/api/docs-json');
    const issue = doc.body.paths['/api/v1/accounts/{id}/password-reset'].post;
    const redeemOp = doc.body.paths['/api/v1/auth/password-reset'].post;
    // 400/414: a path that is not a valid URL, or an id longer than the router takes; 413/415: a body too large or
    // not JSON (every such route).
    expect(Object.keys(issue.responses).sort()).toEqual(['202', '400', '401', '403', '404', '414', '422']);
    expect(Object.keys(redeemOp.responses).sort()).toEqual(['204', '400', '401', '413', '415', '429']);
    expect(issue.security).toEqual([{ bearer: [] }]);
    expect(redeemOp.security).toEqual([]);
    for (const answer of [issue.responses['403'], redeemOp.responses['400'], redeemOp.responses['429']]) {
      expect(answer.content['application/json'].schema.required).toEqual(['error', 'message']);
    }
  });
});

/**
 * Revocation that reinstatement cannot undo (issue 13 item 6): suspension and lockout record a per-account
 * "not valid before" instant; tokens and refresh sessions from before it stay refused afterwards, in identity
 * and in the other services, and a forged `AccountReinstated` changes nothing.
 */
import { newId } from '@vaxledger/kernel';
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('revocation that reactivation cannot undo (issue 13 item 6)', () => {
  let kit: IdentityTestKit;
  let hanoiToken: () => Promise<string>;
  let hanoi: Person;
  let facilityAdmin: Person;
  let facilityId: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    const national = await kit.bootstrapNationalAdmin();
    const nationalToken = (await kit.signIn(national)).accessToken;
    hanoi = await kit.appointProvinceAdmin(nationalToken, '01', 'soyte.hanoi.rev');
    hanoiToken = async () => (await kit.signIn(hanoi)).accessToken;
    facilityId = await kit.registerFacility(await hanoiToken(), '01', 'HN-RV-001');
    facilityAdmin = await kit.appointFacilityAdmin(await hanoiToken(), facilityId, 'tram.thuhoi');
  });
  afterAll(() => kit.close());

  /** A registry call with the facility admin's token: proves the other services refuse it too. */
  const registryStatus = async (accessToken: string) =>
    (await kit.request('GET', `/api/v1/facilities/${facilityId}/subjects`, { token: accessToken })).status;

  it('keeps a token issued before a suspension refused after reinstatement, in identity and in the registry', async () => {
    const old = await kit.signIn(facilityAdmin);
    expect(await registryStatus(old.accessToken)).toBe(200);
    const admin = await hanoiToken();
    expect((await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/suspend`, { token: admin, body: { reason: 'kiểm tra' } })).status).toBe(200);
    expect((await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/reinstate`, { token: admin })).status).toBe(200);

    const identityAnswer = await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken });
    expect(identityAnswer.status).toBe(401);
    expect(identityAnswer.body.error).toBe('session_revoked');
    await eventually(async () => (await registryStatus(old.accessToken)) === 401);
    const refresh = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: old.refreshToken } });
    expect(refresh.status).toBe(401);

    // A sign-in after reinstatement works everywhere.
    const fresh = await kit.signIn(facilityAdmin);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: fresh.accessToken })).status).toBe(200);
    expect(await registryStatus(fresh.accessToken)).toBe(200);
    // The old token is still dead, and the suspension and reinstatement are in the account's history.
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);
  });

  it('refuses an old token and an old refresh session after a lockout is lifted', async () => {
    const old = await kit.signIn(facilityAdmin);
    // Ten wrong codes in a row (two challenges of five) lock the account.
    for (let challenge = 0; challenge < 2; challenge++) {
      kit.clock.advance(30_000);
      const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: facilityAdmin.username, password: facilityAdmin.password } });
      expect(login.status).toBe(200);
      for (let i = 0; i < 5; i++) {
        await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: kit.wrongCodeFor(facilityAdmin) } });
      }
    }
    const locked = await kit.request('POST', '/api/v1/auth/login', { body: { username: facilityAdmin.username, password: facilityAdmin.password } });
    expect(locked.status).toBe(423);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);

    expect((await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/unlock`, { token: await hanoiToken() })).status).toBe(200);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);
    await eventually(async () => (await registryStatus(old.accessToken)) === 401);
    const refresh = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: old.refreshToken } });
    expect(refresh.status).toBe(401);
    expect(refresh.body.error).toBe('invalid_refresh_token');
    const fresh = await kit.signIn(facilityAdmin);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: fresh.accessToken })).status).toBe(200);
  });

  it('ignores a forged AccountReinstated on the bus: older tokens stay refused', async () => {
    const old = await kit.signIn(facilityAdmin);
    const admin = await hanoiToken();
    await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/suspend`, { token: admin, body: { reason: 'kiểm tra' } });
    await eventually(async () => (await registryStatus(old.accessToken)) === 401);
    const bus = kit.app.infra.services.registry.bus;
    await bus.publish('vaxledger.identity.account.v1', [
      {
        specversion: '1.0',
        id: newId(),
        source: '/vaxledger/identity',
        type: 'AccountReinstated',
        time: kit.clock.now().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: facilityAdmin.accountId,
        data: { accountId: facilityAdmin.accountId, reinstatedAt: kit.clock.now().toISOString() },
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await registryStatus(old.accessToken)).toBe(401);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: old.accessToken })).status).toBe(401);
    await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/reinstate`, { token: admin });
  });

  it('revokes an ended session by its id while the account keeps its other sessions', async () => {
    const phone = await kit.signIn(facilityAdmin);
    const laptop = await kit.signIn(facilityAdmin);
    const phoneSession = JSON.parse(Buffer.from(phone.accessToken.split('.')[1], 'base64url').toString()).sid;
    expect((await kit.request('DELETE', `/api/v1/auth/sessions/${phoneSession}`, { token: laptop.accessToken })).status).toBe(204);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: phone.accessToken })).status).toBe(401);
    await eventually(async () => (await registryStatus(phone.accessToken)) === 401);
    expect((await kit.request('GET', '/api/v1/auth/sessions', { token: laptop.accessToken })).status).toBe(200);
    expect(await registryStatus(laptop.accessToken)).toBe(200);
  });
});

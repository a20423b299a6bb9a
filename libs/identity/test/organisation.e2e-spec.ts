import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

const staffMember = (username: string, rights: string[] = ['data_entry', 'subject_management']) => ({
  fullName: `Phạm Thị ${username}`,
  gender: 'female',
  unit: 'Tổ tiêm chủng',
  position: 'Điều dưỡng',
  email: `${username}@tramyte.example.vn`,
  phone: '0912 345 678',
  username,
  rights,
});

describe('organisation, account requests and lockout (R4, R5, security baseline)', () => {
  let kit: IdentityTestKit;
  let national: Person;
  let nationalToken: string;
  let hanoi: Person;
  let hcmc: Person;
  let facilityId: string;
  let facilityAdmin: Person;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    national = await kit.bootstrapNationalAdmin();
    nationalToken = (await kit.signIn(national)).accessToken;
    hanoi = await kit.appointProvinceAdmin(nationalToken, '01', 'soyte.hanoi');
    hcmc = await kit.appointProvinceAdmin(nationalToken, '79', 'soyte.hcm');
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    facilityId = await kit.registerFacility(hanoiToken, '01', 'HN-BD-001');
    facilityAdmin = await kit.appointFacilityAdmin(hanoiToken, facilityId, 'tram.badinh');
  });
  afterAll(() => kit.close());

  it('lets a province admin register facilities in its own province only, and records the refusal', async () => {
    const hcmcToken = (await kit.signIn(hcmc)).accessToken;
    const refused = await kit.request('POST', '/api/v1/facilities', { token: hcmcToken, body: { code: 'HN-XX-9', name: 'Trạm lạ', provinceCode: '01' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('out_of_scope');
    const denial = await eventually(async () => kit.deniedAccess.find((m) => (m.data as any).action === 'identity.facility.register'));
    expect(denial.type).toBe('vaxledger.access.denied');
    expect(denial.data).toMatchObject({ actor: { accountId: hcmc.accountId, role: 'province_admin', provinceCode: '79' }, target: { provinceCode: '01' } });
    const listed = await eventually(async () => {
      const r = await kit.request('GET', '/api/v1/facilities?provinceCode=01', { token: nationalToken });
      return r.body.items.length ? r.body.items : null;
    });
    expect(listed[0]).toMatchObject({ id: facilityId, code: 'HN-BD-001', provinceCode: '01' });
  });

  it('refuses an unknown province and a district of another province', async () => {
    const unknown = await kit.request('POST', '/api/v1/facilities', { token: nationalToken, body: { code: 'X-1', name: 'X', provinceCode: '03' } });
    expect(unknown.status).toBe(422);
    const wrongDistrict = await kit.request('POST', '/api/v1/facilities', { token: nationalToken, body: { code: 'X-2', name: 'X', provinceCode: '01', districtCode: '760' } });
    expect(wrongDistrict.status).toBe(422);
    expect(wrongDistrict.body.error).toBe('unknown_district');
  });

  it('takes a staff request, hides it from another province, refuses its approval there, and grants it in its own', async () => {
    const facilityToken = (await kit.signIn(facilityAdmin)).accessToken;
    const submitted = await kit.request('POST', '/api/v1/account-requests', {
      token: facilityToken,
      body: { facilityId, staff: [staffMember('lan.pham'), staffMember('hoa.pham', ['dose_history_update'])] },
    });
    expect(submitted.status).toBe(202);
    const requestId = submitted.body.requestId;

    const hcmcToken = (await kit.signIn(hcmc)).accessToken;
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    await eventually(async () => {
      const r = await kit.request('GET', '/api/v1/account-requests?status=pending', { token: hanoiToken });
      return r.body.items.some((i: { requestId: string }) => i.requestId === requestId);
    });
    const seenFromHcmc = await kit.request('GET', '/api/v1/account-requests?status=pending', { token: hcmcToken });
    expect(seenFromHcmc.status).toBe(200);
    expect(seenFromHcmc.body.items).toEqual([]);
    const readFromHcmc = await kit.request('GET', `/api/v1/account-requests/${requestId}`, { token: hcmcToken });
    expect(readFromHcmc.status).toBe(403);
    const approveFromHcmc = await kit.request('POST', `/api/v1/account-requests/${requestId}/approve`, { token: hcmcToken, body: {} });
    expect(approveFromHcmc.status).toBe(403);
    expect(approveFromHcmc.body.error).toBe('out_of_scope');
    const denial = await eventually(async () =>
      kit.deniedAccess.find((m) => (m.data as any).action === 'identity.account_request.approve' && (m.data as any).target.requestId === requestId),
    );
    expect(denial.data).toMatchObject({ actor: { accountId: hcmc.accountId }, target: { facilityId, provinceCode: '01' } });
    expect(JSON.stringify(denial.data)).not.toContain('lan.pham');

    const approved = await kit.request('POST', `/api/v1/account-requests/${requestId}/approve`, { token: hanoiToken, body: { items: ['lan.pham'] } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'pending', approved: [{ index: 0, username: 'lan.pham' }] });
    const rejected = await kit.request('POST', `/api/v1/account-requests/${requestId}/reject`, { token: hanoiToken, body: { reason: 'Không có trong biên chế' } });
    expect(rejected.body.status).toBe('partially_approved');

    // Approval → activation token in the outbox → activation → enrolment → sign-in → an API call.
    const lan = await kit.activate('lan.pham', 'lan.pham@tramyte.example.vn', approved.body.approved[0].accountId);
    const lanTokens = await kit.signIn(lan);
    const me = await kit.request('GET', `/api/v1/accounts/${lan.accountId}`, { token: lanTokens.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'staff', status: 'active', facilityId, provinceCode: '01', rights: ['data_entry', 'subject_management'] });
    expect(kit.outbox().some((m) => m.to === 'hoa.pham@tramyte.example.vn')).toBe(false);
  });

  it('takes the staff list as CSV text', async () => {
    const facilityToken = (await kit.signIn(facilityAdmin)).accessToken;
    const csv = [
      'fullName,gender,unit,position,email,phone,username,rights',
      'Vũ Văn Nam,male,Tổ tiêm chủng,Bác sĩ,nam.vu@tramyte.example.vn,+84987654321,nam.vu,data_entry|dose_history_update',
    ].join('\n');
    const submitted = await kit.request('POST', '/api/v1/account-requests/csv', { token: facilityToken, body: { facilityId, csv } });
    expect(submitted.status).toBe(202);
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    const request = await eventually(async () => {
      const r = await kit.request('GET', `/api/v1/account-requests/${submitted.body.requestId}`, { token: hanoiToken });
      return r.status === 200 ? r.body : null;
    });
    expect(request.items[0]).toMatchObject({ username: 'nam.vu', phone: '+84987654321', rights: ['data_entry', 'dose_history_update'] });
    const taken = await kit.request('POST', '/api/v1/account-requests', { token: facilityToken, body: { facilityId, staff: [staffMember('lan.pham')] } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('username_taken');
  });

  it('locks an account after 10 consecutive wrong codes until an administrator in scope unlocks it', async () => {
    const target = facilityAdmin;
    const statuses: number[] = [];
    for (let challenge = 0; challenge < 2; challenge++) {
      kit.clock.advance(30_000);
      const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: target.username, password: target.password } });
      for (let i = 0; i < 5; i++) {
        const r = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: kit.wrongCodeFor(target) } });
        statuses.push(r.status);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 423]);
    const rightPassword = await kit.request('POST', '/api/v1/auth/login', { body: { username: target.username, password: target.password } });
    expect(rightPassword.status).toBe(423);
    expect(rightPassword.body.error).toBe('account_locked');
    expect(rightPassword.headers['retry-after']).toBeDefined();

    const hcmcToken = (await kit.signIn(hcmc)).accessToken;
    const outOfScope = await kit.request('POST', `/api/v1/accounts/${target.accountId}/unlock`, { token: hcmcToken });
    expect(outOfScope.status).toBe(403);
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    const unlocked = await kit.request('POST', `/api/v1/accounts/${target.accountId}/unlock`, { token: hanoiToken });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.status).toBe('active');
    await kit.signIn(target);

    const history = await eventually(async () => {
      const r = await kit.request('GET', `/api/v1/auth/login-history?accountId=${target.accountId}`, { token: hanoiToken });
      return r.body.items.some((i: { outcome: string }) => i.outcome === 'locked') ? r.body.items : null;
    });
    expect(history.filter((i: { outcome: string }) => i.outcome === 'wrong_otp')).toHaveLength(10);
  });

  it('counts wrong codes across new challenges towards the lock, and lifts the lock after the back-off', async () => {
    const target = hcmc;
    for (let challenge = 0; challenge < 2; challenge++) {
      kit.clock.advance(30_000);
      const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: target.username, password: target.password } });
      expect(login.status).toBe(200);
      for (let i = 0; i < 5; i++) {
        const r = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: kit.wrongCodeFor(target) } });
        expect(r.status).toBe(challenge === 1 && i === 4 ? 423 : 401);
      }
    }
    const locked = await kit.request('POST', '/api/v1/auth/login', { body: { username: target.username, password: target.password } });
    expect(locked.status).toBe(423);
    kit.clock.advance(15 * 60_000);
    await kit.signIn(target);
  });

  it('ends every session of a suspended account at once and lets it in again once reinstated', async () => {
    const lanId = (await kit.request('GET', '/api/v1/accounts?provinceCode=01', { token: nationalToken })).body.items.find(
      (a: { username: string }) => a.username === 'lan.pham',
    )?.accountId;
    expect(lanId).toBeDefined();
    const lanPerson: Person = { ...(await kit.activatedPerson('lan.pham')), accountId: lanId };
    const lanTokens = await kit.signIn(lanPerson);
    const facilityToken = (await kit.signIn(facilityAdmin)).accessToken;
    const suspended = await kit.request('POST', `/api/v1/accounts/${lanId}/suspend`, { token: facilityToken, body: { reason: 'Chuyển công tác' } });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    const afterSuspension = await kit.request('GET', `/api/v1/accounts/${lanId}`, { token: lanTokens.accessToken });
    expect(afterSuspension.status).toBe(401);
    const refresh = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: lanTokens.refreshToken } });
    expect(refresh.status).toBe(401);
    const reinstated = await kit.request('POST', `/api/v1/accounts/${lanId}/reinstate`, { token: facilityToken });
    expect(reinstated.body.status).toBe('active');
    const again = await kit.signIn(lanPerson);
    expect((await kit.request('GET', `/api/v1/accounts/${lanId}`, { token: again.accessToken })).status).toBe(200);
  });

  it('lists accounts awaiting their periodic review within scope', async () => {
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    const since = encodeURIComponent(kit.clock.now().toISOString());
    const awaitingReview = async () => {
      const r = await kit.request('GET', `/api/v1/accounts?facilityId=${facilityId}&notReviewedSince=${since}`, { token: hanoiToken });
      return (r.body.items as Array<{ accountId: string }>).map((a) => a.accountId);
    };
    await eventually(async () => (await awaitingReview()).includes(facilityAdmin.accountId));
    const reviewed = await kit.request('POST', `/api/v1/accounts/${facilityAdmin.accountId}/review`, { token: hanoiToken });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.lastReviewedAt).toBe(kit.clock.now().toISOString());
    await eventually(async () => !(await awaitingReview()).includes(facilityAdmin.accountId));
    const otherProvince = await kit.request('GET', '/api/v1/accounts?provinceCode=79', { token: hanoiToken });
    expect(otherProvince.status).toBe(403);
  });
});

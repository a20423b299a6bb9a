/**
 * Reads of staff data audited (issue 13 item 12): listing and reading accounts and account requests (names,
 * phones, e-mails) leave access records in the audit trail, like reads of subjects — who, what, when, from
 * where — with none of the personal data itself; an out-of-scope read is refused and recorded too.
 */
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('staff data reads audited (issue 13 item 12)', () => {
  let kit: IdentityTestKit;
  let hanoi: Person;
  let hcmc: Person;
  let facilityId: string;
  let facilityAdmin: Person;
  let auditorToken: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    const national = await kit.bootstrapNationalAdmin();
    const nationalToken = (await kit.signIn(national)).accessToken;
    hanoi = await kit.appointProvinceAdmin(nationalToken, '01', 'soyte.hanoi.audit');
    hcmc = await kit.appointProvinceAdmin(nationalToken, '79', 'soyte.hcm.audit');
    facilityId = await kit.registerFacility((await kit.signIn(hanoi)).accessToken, '01', 'HN-AU-001');
    facilityAdmin = await kit.appointFacilityAdmin((await kit.signIn(hanoi)).accessToken, facilityId, 'tram.kiemtoan');
    auditorToken = await kit.app.tokenFor({ role: 'auditor' });
  });
  afterAll(() => kit.close());

  const accessRecordsOf = async (actorId: string) => {
    const r = await kit.request('GET', `/api/v1/audit/events?actorId=${actorId}&type=vaxledger.access.recorded`, { token: auditorToken });
    expect(r.status).toBe(200);
    return r.body.items as Array<{ action: string; actor: { accountId: string }; details: unknown; origin: { ip: string } | null }>;
  };

  it('records who listed and read accounts and account requests, without their names, phones or e-mails', async () => {
    const hanoiToken = (await kit.signIn(hanoi)).accessToken;
    const facilityToken = (await kit.signIn(facilityAdmin)).accessToken;
    const submitted = await kit.request('POST', '/api/v1/account-requests', {
      token: facilityToken,
      body: {
        facilityId,
        staff: [{ fullName: 'Ngô Thị Mai', gender: 'female', unit: 'Tổ tiêm', position: 'Y sĩ', email: 'mai.ngo@tramyte.example.vn', phone: '0912000111', username: 'mai.ngo', rights: ['data_entry'] }],
      },
    });
    expect(submitted.status).toBe(202);
    const requestId = submitted.body.requestId;
    await eventually(async () => (await kit.request('GET', `/api/v1/account-requests/${requestId}`, { token: hanoiToken })).status === 200);
    expect((await kit.request('GET', '/api/v1/accounts?provinceCode=01', { token: hanoiToken })).status).toBe(200);
    expect((await kit.request('GET', `/api/v1/accounts/${facilityAdmin.accountId}`, { token: hanoiToken })).status).toBe(200);
    expect((await kit.request('GET', '/api/v1/account-requests?status=pending', { token: hanoiToken })).status).toBe(200);

    const records = await eventually(async () => {
      const found = await accessRecordsOf(hanoi.accountId);
      const actions = new Set(found.map((r) => r.action));
      return ['identity.account.list', 'identity.account.read', 'identity.account_request.list', 'identity.account_request.read'].every((a) => actions.has(a))
        ? found
        : null;
    }, 15_000);
    const read = records.find((r) => r.action === 'identity.account.read')!;
    expect(read.actor.accountId).toBe(hanoi.accountId);
    expect(JSON.stringify(read.details)).toContain(facilityAdmin.accountId);
    expect(read.origin?.ip).toBeTruthy();
    const requestRead = records.find((r) => r.action === 'identity.account_request.read')!;
    expect(JSON.stringify(requestRead.details)).toContain(requestId);
    const wire = JSON.stringify(records);
    for (const personal of ['Ngô Thị Mai', 'mai.ngo@tramyte.example.vn', '0912000111', '0987654321', 'tramyte.example.vn']) expect(wire).not.toContain(personal);
  });

  it('refuses and records a read of another province’s staff, handing out nothing', async () => {
    const hcmcToken = (await kit.signIn(hcmc)).accessToken;
    const refused = await kit.request('GET', `/api/v1/accounts/${facilityAdmin.accountId}`, { token: hcmcToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('out_of_scope');
    expect(JSON.stringify(refused.body)).not.toContain('tramyte');
    const denial = await eventually(async () => {
      const r = await kit.request('GET', `/api/v1/audit/events?actorId=${hcmc.accountId}&type=vaxledger.access.denied`, { token: auditorToken });
      return r.body.items.find((i: { action: string }) => i.action === 'identity.account.read');
    }, 15_000);
    expect(denial.actor.accountId).toBe(hcmc.accountId);
    expect((await accessRecordsOf(hcmc.accountId)).filter((r) => r.action === 'identity.account.read')).toEqual([]);
  });
});

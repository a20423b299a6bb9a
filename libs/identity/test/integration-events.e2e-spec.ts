import { Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit } from './identity-test-kit';

describe("identity's public integration events", () => {
  let kit: IdentityTestKit;
  const received: Array<{ topic: string; message: CloudEvent }> = [];

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    await kit.app.infra.services.identity.bus.subscribe({
      groupId: 'identity-integration-test',
      topics: [Topics.identityAccount, Topics.identityLogin, Topics.identityOrganisation],
      handler: async (message, context) => void received.push({ topic: context.topic, message }),
    });
  });
  afterAll(() => kit.close());

  it('publishes facilities, grants, sign-ins and ended sessions without personal data, passwords or codes', async () => {
    const admin = await kit.bootstrapNationalAdmin();
    const tokens = await kit.signIn(admin);
    const facilityId = await kit.registerFacility(tokens.accessToken, '79', 'HCM-Q1-001');
    const created = await kit.request('POST', `/api/v1/facilities/${facilityId}/admins`, {
      token: tokens.accessToken,
      body: { fullName: 'Đỗ Minh Khoa', gender: 'male', position: 'Trạm trưởng', email: 'khoa@example.vn', phone: '0901234567', username: 'khoa.do' },
    });
    expect(created.status).toBe(201);
    await kit.request('POST', '/api/v1/auth/logout', { token: tokens.accessToken });

    await eventually(async () => received.some((r) => r.message.type === 'SessionEnded') && received.some((r) => r.message.partitionkey === created.body.accountId));
    const byType = (type: string) => received.find((r) => r.message.type === type)!;
    expect(byType('FacilityRegistered')).toMatchObject({
      topic: Topics.identityOrganisation,
      message: { partitionkey: facilityId, data: { facilityId, code: 'HCM-Q1-001', provinceCode: '79' } },
    });
    const facilityAdminGrant = received.find((r) => r.message.type === 'AccountGranted' && r.message.partitionkey === created.body.accountId);
    expect(facilityAdminGrant).toMatchObject({
      topic: Topics.identityAccount,
      message: { partitionkey: created.body.accountId, data: { role: 'facility_admin', facilityId, provinceCode: '79' } },
    });
    expect(byType('LoginAttempted').topic).toBe(Topics.identityLogin);
    expect(byType('SessionEnded').message.data).toMatchObject({ accountId: admin.accountId, reason: 'logout' });
    const everything = JSON.stringify(received);
    for (const secret of ['Đỗ Minh Khoa', 'khoa@example.vn', '0901234567', '+84901234567', admin.password, admin.secret, 'argon2', tokens.accessToken]) {
      expect(everything).not.toContain(secret);
    }
  });
});

/**
 * A client address you can trust (issue 13 item 8): `X-Forwarded-For` counts only from `TRUSTED_PROXIES`, so
 * a forged header neither lands in the login history nor escapes the per-address login throttle.
 */
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('client addresses from trusted proxies only (issue 13 item 8)', () => {
  let kit: IdentityTestKit;
  let admin: Person;
  const gateway = '10.20.0.5';

  beforeAll(async () => {
    kit = await IdentityTestKit.start({ env: { TRUSTED_PROXIES: '10.20.0.0/24', IDENTITY_LOGIN_ADDRESS_BURST: '4' } });
    admin = await kit.bootstrapNationalAdmin();
  });
  afterAll(() => kit.close());

  const historyIps = async (token: string) =>
    (await kit.request('GET', '/api/v1/auth/login-history', { token })).body.items.map((i: { ip: string }) => i.ip) as string[];

  it('records the real peer, not a forged X-Forwarded-For from a client', async () => {
    kit.clock.advance(3600_000);
    const forged = await kit.request('POST', '/api/v1/auth/login', {
      body: { username: admin.username, password: 'a wrong password here' },
      headers: { 'x-forwarded-for': '203.0.113.99' },
      remoteAddress: '198.51.100.20',
    });
    expect(forged.status).toBe(401);
    const token = (await kit.signIn(admin)).accessToken;
    const ips = await eventually(async () => {
      const seen = await historyIps(token);
      return seen.includes('198.51.100.20') ? seen : null;
    });
    expect(ips).not.toContain('203.0.113.99');
  });

  it("believes the gateway's X-Forwarded-For", async () => {
    kit.clock.advance(3600_000);
    const viaGateway = await kit.request('POST', '/api/v1/auth/login', {
      body: { username: admin.username, password: 'another wrong password' },
      headers: { 'x-forwarded-for': '198.51.100.77' },
      remoteAddress: gateway,
    });
    expect(viaGateway.status).toBe(401);
    const token = (await kit.signIn(admin)).accessToken;
    const ips = await eventually(async () => {
      const seen = await historyIps(token);
      return seen.includes('198.51.100.77') ? seen : null;
    });
    expect(ips).not.toContain(gateway);
  });

  it('throttles a client that forges a new X-Forwarded-For on every attempt', async () => {
    kit.clock.advance(3600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await kit.request('POST', '/api/v1/auth/login', {
        body: { username: `khach.${i}`, password: 'some password 12345' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        remoteAddress: '198.51.100.30',
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

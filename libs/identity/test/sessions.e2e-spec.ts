/**
 * Sessions and refresh tokens (issue 13 item 10): listing reads a per-account index, never a keyspace scan;
 * any earlier refresh token of a session, not only the last one, ends the whole session when it comes back.
 */
import { eventually } from '@vaxledger/testing';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('sessions and refresh-token reuse (issue 13 item 10)', () => {
  let kit: IdentityTestKit;
  let admin: Person;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    admin = await kit.bootstrapNationalAdmin();
  });
  afterAll(() => kit.close());

  it('lists and ends sessions from the per-account index without scanning keys', async () => {
    const kv = kit.app.infra.services.identity.kv;
    const scans = jest.spyOn(kv, 'keys');
    try {
      const first = await kit.signIn(admin);
      const second = await kit.signIn(admin);
      const listed = await kit.request('GET', '/api/v1/auth/sessions', { token: second.accessToken });
      expect(listed.status).toBe(200);
      const ids = listed.body.items.map((s: { sessionId: string }) => s.sessionId);
      const firstSid = JSON.parse(Buffer.from(first.accessToken.split('.')[1], 'base64url').toString()).sid;
      expect(ids).toContain(firstSid);
      expect((await kit.request('DELETE', `/api/v1/auth/sessions/${firstSid}`, { token: second.accessToken })).status).toBe(204);
      const after = await kit.request('GET', '/api/v1/auth/sessions', { token: second.accessToken });
      expect(after.body.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(firstSid);
      expect(scans).not.toHaveBeenCalled();
    } finally {
      scans.mockRestore();
    }
  });

  it('ends the whole session when a refresh token two rotations old comes back', async () => {
    const signedIn = await kit.signIn(admin);
    const rotations = [signedIn];
    for (let i = 0; i < 3; i++) {
      const refreshed = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotations[rotations.length - 1].refreshToken } });
      expect(refreshed.status).toBe(200);
      rotations.push(refreshed.body);
    }
    const latest = rotations[rotations.length - 1];
    // The first refresh token of the session, not the one just before the current one: a stolen old copy.
    const stolen = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotations[1].refreshToken } });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error).toBe('invalid_refresh_token');
    // The legitimate holder's current tokens are dead too: the whole session ended.
    const current = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: latest.refreshToken } });
    expect(current.status).toBe(401);
    const access = await kit.request('GET', '/api/v1/auth/sessions', { token: latest.accessToken });
    expect(access.status).toBe(401);
    expect(access.body.error).toBe('session_revoked');
    // And it is on record as a reuse.
    const other = await kit.signIn(admin);
    const sid = JSON.parse(Buffer.from(latest.accessToken.split('.')[1], 'base64url').toString()).sid;
    const listed = await kit.request('GET', '/api/v1/auth/sessions', { token: other.accessToken });
    expect(listed.body.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(sid);
    const ended = await eventually(async () => {
      const events = await kit.app.infra.services.identity.eventStore.readStream(`session-${sid}`);
      return events.find((e: { type: string }) => e.type === 'SessionEnded');
    });
    expect((ended as unknown as { data: { reason: string } }).data.reason).toBe('refresh_token_reuse');
  });

  it('refuses a made-up refresh token for a live session without ending it', async () => {
    const signedIn = await kit.signIn(admin);
    const sid = signedIn.refreshToken.split('.')[0];
    const forged = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: `${sid}.made-up-secret` } });
    expect(forged.status).toBe(401);
    const still = await kit.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: signedIn.refreshToken } });
    expect(still.status).toBe(200);
  });
});

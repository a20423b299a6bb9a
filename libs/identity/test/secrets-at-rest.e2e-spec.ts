/**
 * Secrets at rest (issue 13 item 11), tried as someone holding a copy of the data would: delivered codes are
 * HMACs under a server key (a million guesses at a plain hash find nothing), username reservation streams are
 * keyed hashes, and each service holds only the keys of its own purposes, derived from the root by HKDF.
 */
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { IdentityTestKit, type Person } from './identity-test-kit';

describe('secrets at rest (issue 13 item 11)', () => {
  let kit: IdentityTestKit;
  let national: Person;
  let nationalToken: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    national = await kit.bootstrapNationalAdmin();
    nationalToken = (await kit.signIn(national)).accessToken;
  });
  afterAll(() => kit.close());

  it('keeps a delivered code as an HMAC under a server key, which hashing every six-digit code cannot match', async () => {
    const email = 'ma.email@soyte.example.vn';
    const created = await kit.request('POST', '/api/v1/provinces/48/admins', {
      token: nationalToken,
      body: { fullName: 'Đỗ Thị Thư', gender: 'female', position: 'Chuyên viên', email, phone: '0905123456', username: 'ma.email' },
    });
    expect(created.status).toBe(201);
    const password = 'Sông Hàn về đêm lung linh 2021!';
    const activated = await kit.request('POST', '/api/v1/auth/activate', { body: { token: kit.activationTokenFor(email), password, otpMethod: 'email' } });
    expect(activated.status).toBe(200);
    const login = await kit.request('POST', '/api/v1/auth/login', { body: { username: 'ma.email', password } });
    expect(login.status).toBe(200);
    const challengeId = login.body.challengeId as string;
    const delivered = kit.outbox().filter((m) => m.to === email && m.purpose === 'otp').pop()!.code;

    // What a copy of the key-value store holds for this challenge.
    const stored = JSON.parse((await kit.app.infra.services.identity.kv.get(`otp:challenge:${challengeId}`))!);
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(delivered);
    // The attack on the old format — hash all 10^6 codes with SHA-256 and compare — cannot succeed: not even the
    // right code hashes to what is stored, so no guess will. Only the server's key reproduces it.
    expect(createHash('sha256').update(`${challengeId}:${delivered}`).digest('hex')).not.toBe(stored.codeHash);
    expect(createHmac('sha256', Buffer.alloc(32)).update(`${challengeId}:${delivered}`).digest('hex')).not.toBe(stored.codeHash);
    // The server, holding its key, still checks the code.
    const verified = await kit.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId, code: delivered } });
    expect(verified.status).toBe(200);
  });

  it('names username reservation streams by a keyed hash, not a hash anyone can compute from a name list', async () => {
    const events = await kit.app.infra.services.identity.eventStore.readAll();
    const reservations = [...new Set(events.map((e) => e.streamId).filter((s) => s.startsWith('username-')))];
    expect(reservations.length).toBeGreaterThanOrEqual(2);
    for (const name of [national.username, 'ma.email']) {
      expect(reservations).not.toContain(`username-${createHash('sha256').update(name).digest('hex')}`);
      expect(reservations.some((s) => s.includes(name))).toBe(false);
    }
  });

  it('gives each service only the keys of its own purposes, each derived from the root with HKDF', () => {
    const { identity, registry, immunization, audit } = kit.app.infra.services;
    const root = identity.keys.lookupKey;
    const derive = (purpose: string) =>
      Buffer.from(hkdfSync('sha256', root, Buffer.from('vaxledger purpose keys'), `vaxledger ${purpose} v1`, 32));
    expect(immunization.keys.lookupKey.length).toBe(0);
    expect(Object.keys(immunization.keys.purposeKeys).sort()).toEqual(['citizenRecords', 'reportingPseudonyms']);
    expect(immunization.keys.purposeKeys.citizenRecords!.equals(derive('citizen-records'))).toBe(true);
    expect(immunization.keys.purposeKeys.reportingPseudonyms!.equals(derive('reporting-pseudonyms'))).toBe(true);
    expect(registry.keys.lookupKey.length).toBe(0);
    expect(Object.keys(registry.keys.purposeKeys).sort()).toEqual(['idLookup', 'phoneLookup']);
    expect(registry.keys.purposeKeys.phoneLookup!.equals(derive('phone-lookup'))).toBe(true);
    expect(registry.keys.purposeKeys.idLookup!.equals(derive('id-lookup'))).toBe(true);
    expect(Object.keys(identity.keys.purposeKeys).sort()).toEqual(['deliveredCodes', 'usernames']);
    expect(audit.keys.lookupKey.length).toBe(0);
    expect(audit.keys.purposeKeys).toEqual({});
    const all = [derive('phone-lookup'), derive('id-lookup'), derive('usernames'), derive('reporting-pseudonyms'), derive('delivered-codes'), root];
    expect(new Set(all.map((k) => k.toString('hex'))).size).toBe(all.length);
    // The pseudonym of a subject cannot be computed with any other service's key.
    const pseudonym = (key: Buffer) => createHmac('sha256', key).update('report:subject-1').digest('hex');
    expect(pseudonym(registry.keys.purposeKeys.phoneLookup!)).not.toBe(pseudonym(immunization.keys.purposeKeys.reportingPseudonyms!));
  });
});

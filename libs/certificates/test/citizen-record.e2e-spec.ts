/**
 * A citizen's own record end to end through the standalone app: look-up by name + ID number, the code through
 * the delivery port (the outbox file), the short-lived token, the record with doses and certificates — and
 * nothing learned by anyone who does not receive the code.
 */
import { hkdfSync, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { SignJWT } from 'jose';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

describe('a citizen reads their own record (standalone app)', () => {
  let app: StandaloneTestApp;
  const facilityId = newId();
  let staff: string;
  const accessRecords: CloudEvent[] = [];

  const outbox = () => {
    const path = join(app.dataDir, 'outbox', 'messages.jsonl');
    return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  };

  async function person(fullName: string) {
    const body = {
      fullName,
      dateOfBirth: '1992-07-21',
      gender: 'female',
      idDocument: { type: 'CCCD', number: `0${digits(11)}` },
      phone: `+8491${digits(7)}`,
      address: { provinceCode: '79', districtCode: '769', line: 'Số 9 đường Lê Văn Việt' },
    };
    const created = await app.request('POST', '/api/v1/subjects', { token: staff, body });
    expect(created.status).toBe(201);
    const subjectId = created.body.subjectId as string;
    await eventually(async () => {
      const r = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
        token: staff,
        body: { vaccineCode: 'SPIKEVAX', lotNumber: 'MD123', administeredAt: '2021-08-30T08:00:00+07:00', facilityId, site: 'LD' },
      });
      return r.status === 201;
    }, 10_000);
    const issued = await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token: staff, body: {} });
    expect(issued.status).toBe(201);
    return { subjectId, body, certificate: issued.body };
  }

  const lookup = (fullName: string, idNumber: string, ip = '203.0.113.7') =>
    app.app.inject({ method: 'POST', url: '/api/v1/citizen/lookup', payload: { fullName, idNumber }, remoteAddress: ip }).then((r) => ({ status: r.statusCode, body: r.json(), headers: r.headers }));

  beforeAll(async () => {
    app = await StandaloneTestApp.start({ env: { CITIZEN_LOOKUP_PER_HOUR_PER_ID: '4', CITIZEN_LOOKUP_PER_HOUR_PER_ADDRESS: '50' } });
    staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'subject_management'] });
    await app.infra.services.immunization.bus.subscribe({
      groupId: `citizen-e2e-${newId()}`,
      topics: [Topics.auditAccess],
      handler: async (message) => void accessRecords.push(message),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends a code to the phone of record through the outbox and trades it for a token that reads only that record', async () => {
    const { subjectId, body, certificate } = await person('Ngô Quỳnh Ánh');
    const before = outbox().length;
    const asked = await lookup('  ngô quỳnh  ánh ', body.idDocument.number);
    expect(asked.status).toBe(202);
    expect(Object.keys(asked.body).sort()).toEqual(['challengeId', 'phoneHint']);
    expect(asked.body.phoneHint.endsWith(body.phone.slice(-2))).toBe(true);
    const sent = outbox().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: body.phone, channel: 'sms', purpose: 'citizen_otp', code: expect.stringMatching(/^\d{6}$/) });

    const verified = await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: asked.body.challengeId, code: sent[0].code } });
    expect(verified.status).toBe(200);
    const record = await app.request('GET', '/api/v1/citizen/record', { token: verified.body.citizenToken });
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ fullName: 'Ngô Quỳnh Ánh', dateOfBirth: '1992-07-21', doses: [{ vaccineCode: 'SPIKEVAX', doseNumber: 1, date: '2021-08-30', status: 'completed' }] });
    expect(record.body.certificates).toEqual([expect.objectContaining({ certificateId: certificate.certificateId, hc1: certificate.hc1, status: 'valid' })]);

    // The code is single use, and the citizen token opens no staff endpoint.
    expect((await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: asked.body.challengeId, code: sent[0].code } })).status).toBe(401);
    expect((await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: verified.body.citizenToken })).status).toBe(401);
    // …and a staff access token is not a citizen token.
    expect((await app.request('GET', '/api/v1/citizen/record', { token: staff })).body.error).toBe('citizen_token_invalid');
    await eventually(async () => accessRecords.some((m) => (m.data as any).action === 'citizen.record' && (m.data as any).subjectIds.includes(subjectId)), 5000);
  });

  it('answers a wrong name, an unknown ID number and a known one alike, and sends nothing unless both match', async () => {
    const { body } = await person('Trịnh Công Sơn');
    const before = outbox().length;
    const rightName = await lookup('Trịnh Công Sơn', body.idDocument.number, '198.51.100.1');
    const wrongName = await lookup('Trịnh Văn Sơn', body.idDocument.number, '198.51.100.1');
    const unknownId = await lookup('Trịnh Công Sơn', `0${digits(11)}`, '198.51.100.1');
    for (const answer of [rightName, wrongName, unknownId]) {
      expect(answer.status).toBe(202);
      expect(Object.keys(answer.body).sort()).toEqual(['challengeId', 'phoneHint']);
      expect(answer.body.phoneHint).toMatch(/^\+84 ••• ••• •\d\d$/);
      expect(JSON.stringify(answer.body)).not.toMatch(/Trịnh|Sơn|1992/);
    }
    // The hint depends on the number only: trying names tells nothing.
    expect(wrongName.body.phoneHint).toBe(rightName.body.phoneHint);
    expect(outbox().slice(before)).toHaveLength(1);

    // Any code on a decoy challenge is refused exactly like a wrong code on a real one.
    const decoy = await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: unknownId.body.challengeId, code: '000000' } });
    const wrong = await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: wrongName.body.challengeId, code: '000000' } });
    expect(decoy.status).toBe(401);
    expect(decoy.body).toEqual(wrong.body);
    expect(decoy.body.error).toBe('invalid_code');
  });

  it('locks a challenge after five wrong codes and limits look-ups per ID number', async () => {
    const { body } = await person('Lý Thường Kiệt');
    const before = outbox().length;
    const asked = await lookup('Lý Thường Kiệt', body.idDocument.number, '192.0.2.10');
    const code = outbox().slice(before)[0].code as string;
    const wrongCode = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      expect((await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: asked.body.challengeId, code: wrongCode } })).status).toBe(401);
    }
    expect((await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: asked.body.challengeId, code } })).status).toBe(401);

    for (let i = 0; i < 3; i++) expect((await lookup('Lý Thường Kiệt', body.idDocument.number, `192.0.2.${20 + i}`)).status).toBe(202);
    const limited = await lookup('Lý Thường Kiệt', body.idDocument.number, '192.0.2.99');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses malformed look-ups and audits every look-up without a name', async () => {
    expect((await app.request('POST', '/api/v1/citizen/lookup', { body: { fullName: 'A' } })).body.error).toBe('validation_failed');
    expect((await app.request('POST', '/api/v1/citizen/verify', { body: { challengeId: 'x', code: '12' } })).status).toBe(400);
    expect((await app.request('GET', '/api/v1/citizen/record')).status).toBe(401);
    await eventually(async () => accessRecords.filter((m) => (m.data as any).action === 'citizen.lookup').length >= 3, 5000);
    const lookups = accessRecords.filter((m) => (m.data as any).action === 'citizen.lookup');
    expect(lookups.map((m) => (m.data as any).outcome)).toEqual(expect.arrayContaining(['code_sent', 'no_match']));
    expect(JSON.stringify(lookups)).not.toMatch(/Trịnh|Lý Thường/);
  });

  it('refuses a citizen token signed with any key but the citizenRecords purpose key: an empty or guessed key forges nothing', async () => {
    const { subjectId } = await person('Đặng Thu Hà');
    const now = Math.floor(Date.now() / 1000);
    const forge = (key: Uint8Array) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(subjectId)
        .setIssuer('vaxledger-certificates')
        .setAudience('vaxledger-citizen')
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(key);
    const emptyKeyDerived = new Uint8Array(hkdfSync('sha256', Buffer.alloc(0), Buffer.alloc(0), 'vaxledger/citizen-token/v1', 32));
    const zeroKeyDerived = new Uint8Array(hkdfSync('sha256', Buffer.alloc(32), Buffer.alloc(0), 'vaxledger/citizen-token/v1', 32));
    for (const key of [emptyKeyDerived, zeroKeyDerived]) {
      const read = await app.request('GET', '/api/v1/citizen/record', { token: await forge(key) });
      expect(read.status).toBe(401);
      expect(read.body.error).toBe('citizen_token_invalid');
      expect(JSON.stringify(read.body)).not.toContain(subjectId);
    }
  });
});

/**
 * The audit service end to end in the real standalone app: real logins (identity), real registrations, reads
 * and searches (registry), their messages flowing over the in-process bus into the trail, and the audit API
 * answering "who looked at subject X" and "what did account Y do".
 */
import { authenticator } from 'otplib';
import { Topics } from '@vaxledger/contracts';
import { bootstrapNationalAdmin } from '@vaxledger/identity';
import { type CloudEvent, newId, systemClock } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp, untypedBus } from '@vaxledger/testing';

interface AuditItem {
  sequence: number;
  eventId: string;
  type: string;
  action: string | null;
  actor: { accountId: string | null; facilityId: string | null; provinceCode: string | null };
  subjectIds: string[];
  provinceCode: string | null;
  outcome: string | null;
  purpose: string | null;
  origin: { ip: string | null; userAgent: string | null } | null;
  fieldsTouched: string[];
  details: Record<string, unknown>;
}

describe('audit trail through the standalone app', () => {
  let app: StandaloneTestApp;
  let auditor: string;
  const staffA = { accountId: newId(), facilityId: newId(), provinceCode: '79' };
  const staffB = { accountId: newId(), facilityId: newId(), provinceCode: '79' };
  let tokenA: string;
  let tokenB: string;
  let adminId: string;
  let subjectId: string;
  const username = 'national.root';
  const password = 'Correct-Horse-Battery-42!';

  const events = async (query: string, token = auditor) => {
    const response = await app.request<{ items: AuditItem[]; nextCursor: string | null }>(
      'GET',
      `/api/v1/audit/events?${query}`,
      { token },
    );
    if (response.status !== 200)
      throw new Error(`audit events answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    app = await StandaloneTestApp.start();
    auditor = await app.tokenFor({ role: 'auditor' });
    tokenA = await app.tokenFor({ role: 'staff', rights: ['data_entry', 'subject_management'], ...staffA });
    tokenB = await app.tokenFor({ role: 'staff', rights: ['data_entry'], ...staffB });

    // Real sign-in of the national admin: one wrong password, then password + TOTP.
    const identity = app.infra.services.identity;
    const bootstrap = await bootstrapNationalAdmin({
      username,
      password,
      eventStore: identity.eventStore,
      lookupKey: identity.keys.lookupKey,
      clock: systemClock,
    });
    adminId = bootstrap.accountId;
    const secret = new URL(bootstrap.otpauthUri).searchParams.get('secret')!;
    const headers = { 'user-agent': 'audit-e2e/1.0' };
    const wrong = await app.request('POST', '/api/v1/auth/login', {
      body: { username, password: 'Wrong-Password-000!' },
      headers,
    });
    expect(wrong.status).toBe(401);
    const login = await app.request('POST', '/api/v1/auth/login', { body: { username, password }, headers });
    expect(login.status).toBe(200);
    const verified = await app.request('POST', '/api/v1/auth/otp/verify', {
      body: { challengeId: login.body.challengeId, code: authenticator.generate(secret) },
      headers,
    });
    expect(verified.status).toBe(200);

    // Registry: A registers and reads the subject, B finds it by name + phone.
    const registered = await app.request('POST', '/api/v1/subjects', {
      token: tokenA,
      body: {
        fullName: 'Nguyễn Thị Lan',
        dateOfBirth: '1988-03-14',
        gender: 'female',
        idDocument: { type: 'CCCD', number: '079188001234' },
        phone: '0903123456',
        address: { provinceCode: '79', line: '12 Lê Lợi' },
      },
    });
    expect(registered.status).toBe(201);
    subjectId = registered.body.subjectId;
    const read = await app.request('GET', `/api/v1/subjects/${subjectId}`, {
      token: tokenA,
      headers: { 'x-purpose': 'vaccination' },
    });
    expect(read.status).toBe(200);
    const search = await app.request('POST', '/api/v1/subjects/search', {
      token: tokenB,
      body: { fullName: 'Nguyễn Thị Lan', phone: '0903123456' },
    });
    expect(search.status).toBe(200);
    expect(search.body.items).toHaveLength(1);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers who looked at a subject: every read and search, newest first, with who, when and why', async () => {
    const body = await eventually(async () => {
      const page = await events(`subjectId=${subjectId}&type=vaxledger.access.recorded`);
      const byOthers = page.items.filter((item) => item.action !== 'audit.subject-history');
      return byOthers.length >= 2 ? page : null;
    });
    const looks = body.items.filter((item) => item.action !== 'audit.subject-history');
    expect(looks.map((item) => [item.actor.accountId, item.action])).toEqual([
      [staffB.accountId, 'subject.search'],
      [staffA.accountId, 'subject.read'],
    ]);
    expect(looks[1]).toMatchObject({
      actor: staffA,
      subjectIds: [subjectId],
      provinceCode: '79',
      purpose: 'vaccination',
    });
    const sequences = body.items.map((item) => item.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
  });

  it('records that the auditor looked at the subject history, and shows it to the next query', async () => {
    const auditorAccount = newId();
    const token = await app.tokenFor({ role: 'auditor', accountId: auditorAccount });
    await events(`subjectId=${subjectId}`, token);
    const page = await eventually(async () => {
      const body = await events(`actorId=${auditorAccount}`);
      return body.items.length ? body : null;
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      action: 'audit.subject-history',
      subjectIds: [subjectId],
      type: 'vaxledger.access.recorded',
    });
  });

  it('shows the registration of the subject with the names of the fields it set, never their values', async () => {
    const page = await eventually(async () => {
      const body = await events(`subjectId=${subjectId}&type=vaxledger.registry.subject.registered`);
      return body.items.length ? body : null;
    });
    const text = JSON.stringify(page);
    for (const personal of ['Nguyễn', '0903123456', '079188001234', 'Lê Lợi', '1988-03-14'])
      expect(text).not.toContain(personal);
    expect(page.items[0].fieldsTouched).toEqual(expect.arrayContaining(['dateOfBirth', 'gender']));
  });

  it('answers what an account did: its sign-in attempts with outcome, IP and user agent', async () => {
    const page = await eventually(async () => {
      const body = await events(`actorId=${adminId}`);
      return body.items.length >= 3 ? body : null;
    });
    const outcomes = page.items.map((item) => item.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['wrong_password', 'success']));
    for (const item of page.items) {
      expect(item.type).toBe('LoginAttempted');
      expect(item.origin).toEqual({ ip: expect.any(String), userAgent: 'audit-e2e/1.0' });
      expect(JSON.stringify(item)).not.toContain(username);
    }
  });

  it('answers what a staff account did across services', async () => {
    const page = await eventually(async () => {
      const body = await events(`actorId=${staffA.accountId}`);
      return body.items.some((item) => item.action === 'subject.read') ? body : null;
    });
    expect(page.items.every((item) => item.actor.accountId === staffA.accountId)).toBe(true);
  });

  it('stores a message delivered twice once', async () => {
    const message: CloudEvent = {
      specversion: '1.0',
      id: newId(),
      source: '/vaxledger/registry',
      type: 'vaxledger.access.recorded',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: staffB.accountId,
      data: {
        action: 'subject.read',
        actor: staffB,
        subjectIds: ['dup-subject'],
        purpose: 'follow-up',
        at: new Date().toISOString(),
      },
    };
    const bus = untypedBus(app.infra.services.registry.bus);
    await bus.publish(Topics.auditAccess, [message]);
    await bus.publish(Topics.auditAccess, [message]);
    await bus.publish(Topics.auditAccess, [{ ...message }]);
    const page = await eventually(async () => {
      const body = await events('subjectId=dup-subject&type=vaxledger.access.recorded');
      return body.items.some((item) => item.eventId === message.id) ? body : null;
    });
    expect(page.items.filter((item) => item.eventId === message.id)).toHaveLength(1);
  });

  it('parks a message it cannot read and counts it, instead of dropping it', async () => {
    await untypedBus(app.infra.services.registry.bus).publish(Topics.auditAccess, [
      {
        specversion: '1.0',
        id: newId(),
        source: '/vaxledger/elsewhere',
        type: 'vaxledger.access.recorded',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: 'k',
        data: 'not an object',
      },
    ]);
    const metrics = await eventually(async () => {
      const response = await app.request<string>('GET', '/metrics');
      return /vaxledger_audit_parked_total\{[^}]*topic="vaxledger\.audit\.access\.v1"[^}]*\} 1/.test(
        response.body,
      )
        ? response.body
        : null;
    });
    expect(metrics).toContain('vaxledger_audit_parked_total');
  });

  it('pages through every event with an opaque cursor, without repeats or gaps', async () => {
    const all = (await events('limit=500')).items;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditItem[]; nextCursor: string | null } = await events(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((item) => item.sequence));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((item) => item.sequence));
    expect(
      (await app.request('GET', '/api/v1/audit/events?cursor=not-a-cursor', { token: auditor })).body,
    ).toMatchObject({ error: 'validation_failed', details: [{ field: 'cursor' }] });
  });

  it('shows a province admin its own province only, and refuses other roles', async () => {
    const province79 = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
    const page = await events('limit=500', province79);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.provinceCode === '79')).toBe(true);
    const other = await app.request('GET', '/api/v1/audit/events?provinceCode=01', { token: province79 });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('out_of_scope');
    for (const role of ['national_admin', 'staff', 'reporter', 'facility_admin'] as const) {
      const token = await app.tokenFor({ role, provinceCode: '79', facilityId: staffA.facilityId });
      expect((await app.request('GET', '/api/v1/audit/events', { token })).status).toBe(403);
    }
    expect((await app.request('GET', '/api/v1/audit/events')).status).toBe(401);
  });

  it('verifies an intact chain', async () => {
    const response = await app.request('GET', '/api/v1/audit/verify', { token: auditor });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ok: true,
      firstMismatch: null,
      anchor: { kind: 'genesis', sequence: 0 },
    });
    expect(response.body.entriesChecked).toBeGreaterThan(5);
    const staff = await app.request('GET', '/api/v1/audit/verify', { token: tokenA });
    expect(staff.status).toBe(403);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = await app.request('GET', '/api/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/audit/events', '/api/v1/audit/verify']),
    );
  });
});

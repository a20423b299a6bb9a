/**
 * The ways around the access rules, tried as an attacker would through the real standalone app: pulling a
 * subject into one's own management, probing ID numbers through 409s, searching outside one's province, and
 * paging through other facilities' records. Each attempt is refused with its documented code, changes nothing,
 * and leaves the record the rules ask for.
 */
import { accessDeniedType, Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { openRegistryCollections } from '@vaxledger/registry';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { subjectBody, uniqueCccd } from './subject-fixtures';

interface AccessData {
  action: string;
  accountId: string;
  subjectIds: string[];
  purpose: string | null;
  criteria: string | null;
  idNumberKey?: string;
  outcome?: string;
  reason?: string;
}

interface DeniedData {
  service: string;
  actor: { accountId: string; role: string };
  action: string;
  target: { subjectId?: string; requestId?: string };
  reason: string;
  cause?: string;
  outcome: 'denied';
}

describe('access rules of the registry, tried as an attacker would (standalone app)', () => {
  let app: StandaloneTestApp;
  const hanoiFacility = newId();
  const saigonFacility = newId();
  const accessRecords: CloudEvent<AccessData>[] = [];
  const denials: CloudEvent<DeniedData>[] = [];

  const staff = (facilityId: string, rights: Array<'data_entry' | 'subject_management'>, provinceCode: string, accountId = newId()) =>
    app.tokenFor({ role: 'staff', accountId, facilityId, provinceCode, rights });
  const hanoiStaff = (accountId = newId()) => staff(hanoiFacility, ['data_entry', 'subject_management'], '01', accountId);
  const saigonStaff = (accountId = newId()) => staff(saigonFacility, ['data_entry', 'subject_management'], '79', accountId);

  async function register(token: string, body = subjectBody()) {
    const response = await app.request('POST', '/api/v1/subjects', { token, body });
    expect(response.status).toBe(201);
    return { subjectId: response.body.subjectId as string, body };
  }

  /** What the audit trail (the audit service, fed from the access topic) holds about one account's actions. */
  async function trailOf(accountId: string, action: string) {
    const auditor = await app.tokenFor({ role: 'auditor' });
    return eventually(async () => {
      const response = await app.request('GET', `/api/v1/audit/events?actorId=${accountId}`, { token: auditor });
      const items = (response.body.items ?? []) as Array<{ action: string; outcome: string | null; subjectIds: string[] }>;
      return items.some((item) => item.action === action) ? items.filter((item) => item.action === action) : null;
    });
  }

  const recordsOf = (accountId: string) => accessRecords.filter((r) => r.data!.accountId === accountId).map((r) => r.data!);

  /** Refusals on access grounds are published as denials (`vaxledger.access.denied`) by the refusing service. */
  const awaitDenialsOf = (accountId: string, action: string, count = 1) =>
    eventually(async () => {
      const found = denials.filter((d) => d.data!.actor.accountId === accountId && d.data!.action === action).map((d) => d.data!);
      return found.length >= count ? found : null;
    });

  /** Access records travel through the relay: wait until `count` of this account's records have arrived. */
  const awaitRecordsOf = (accountId: string, count: number) =>
    eventually(async () => (recordsOf(accountId).length >= count ? recordsOf(accountId) : null));

  beforeAll(async () => {
    app = await StandaloneTestApp.start({
      env: { SEARCH_RATE_PER_MINUTE: '100', SEARCH_RATE_PER_DAY: '3', CROSS_FACILITY_READS_PER_HOUR: '3' },
    });
    await app.infra.services.registry.bus.subscribe({
      groupId: `access-rules-${newId()}`,
      topics: [Topics.auditAccess],
      handler: async (message) => {
        if (message.type === accessDeniedType) denials.push(message as CloudEvent<DeniedData>);
        else if ((message.data as { accountId?: string }).accountId) accessRecords.push(message as CloudEvent<AccessData>);
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('transfers are accepted only by the giving side (item 2)', () => {
    async function pulledBySaigon() {
      const { subjectId } = await register(await hanoiStaff());
      const puller = newId();
      const saigon = await saigonStaff(puller);
      const asked = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests`, {
        token: saigon,
        body: { toFacilityId: saigonFacility },
      });
      expect(asked.status).toBe(201);
      return { subjectId, requestId: asked.body.requestId as string, saigon, puller };
    }

    it('refuses the receiving facility and its province admin accepting their own request: 403, nothing changes, the try is recorded', async () => {
      const { subjectId, requestId, saigon, puller } = await pulledBySaigon();
      const saigonProvinceAdmin = newId();
      const url = `/api/v1/subjects/${subjectId}/transfer-requests/${requestId}/accept`;

      const selfAccept = await app.request('POST', url, { token: saigon });
      expect(selfAccept).toMatchObject({ status: 403, body: { error: 'out_of_scope' } });
      const provinceAccept = await app.request('POST', url, {
        token: await app.tokenFor({ role: 'province_admin', provinceCode: '79', accountId: saigonProvinceAdmin }),
      });
      expect(provinceAccept).toMatchObject({ status: 403, body: { error: 'out_of_scope' } });

      // Still managed by Hà Nội, the request still waiting; so a sensitive change by Sài Gòn still needs step-up.
      const record = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: await hanoiStaff() });
      expect(record.body).toMatchObject({
        managingFacilityId: hanoiFacility,
        managingProvinceCode: '01',
        pendingTransfer: { requestId, toFacilityId: saigonFacility, requestedByFacilityId: saigonFacility },
      });
      const change = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: saigon, body: { fullName: 'Lê Văn Chiếm' } });
      expect(change).toMatchObject({ status: 403, body: { error: 'step_up_required' } });
      const history = await app.request('GET', `/api/v1/subjects/${subjectId}/history`, { token: await hanoiStaff() });
      expect(history.body.items.map((i: { change: string }) => i.change)).toEqual(['registered', 'transfer_requested']);

      for (const accountId of [puller, saigonProvinceAdmin]) {
        const [denied] = await awaitDenialsOf(accountId, 'subject.transfer.accept');
        expect(denied).toMatchObject({
          service: 'registry',
          target: { subjectId, requestId },
          outcome: 'denied',
          reason: 'out_of_scope',
        });
      }
      const [inTrail] = await trailOf(puller, 'subject.transfer.accept');
      expect(inTrail).toMatchObject({ outcome: 'denied', subjectIds: [subjectId] });
    });

    it('lets the managing facility accept, and the history shows the transfer and the account that accepted it', async () => {
      const { subjectId, requestId, saigon, puller } = await pulledBySaigon();
      const giver = newId();
      const accepted = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests/${requestId}/accept`, {
        token: await hanoiStaff(giver),
      });
      expect(accepted).toMatchObject({ status: 200, body: { subjectId, managingFacilityId: saigonFacility } });

      const history = await app.request('GET', `/api/v1/subjects/${subjectId}/history`, { token: saigon });
      expect(history.status).toBe(200);
      expect(history.body.items.slice(1)).toEqual([
        expect.objectContaining({
          change: 'transfer_requested',
          actor: { accountId: puller, facilityId: saigonFacility, provinceCode: '79' },
          facilityIds: { from: hanoiFacility, to: saigonFacility },
        }),
        expect.objectContaining({
          change: 'management_transferred',
          actor: { accountId: giver, facilityId: hanoiFacility, provinceCode: '01' },
          facilityIds: { from: hanoiFacility, to: saigonFacility },
          decidedBy: 'facility',
        }),
      ]);
    });

    it('lets the province admin of the managing facility or the national admin accept', async () => {
      for (const decider of [
        await app.tokenFor({ role: 'province_admin', provinceCode: '01' }),
        await app.tokenFor({ role: 'national_admin' }),
      ]) {
        const { subjectId, requestId } = await pulledBySaigon();
        const accepted = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests/${requestId}/accept`, { token: decider });
        expect(accepted).toMatchObject({ status: 200, body: { managingFacilityId: saigonFacility } });
      }
    });
  });

  describe('no ID probing through 409s (item 3)', () => {
    it('answers another facility’s registration of a taken number with a bare 409, counted as a search and recorded as a lookup', async () => {
      const { subjectId, body } = await register(await hanoiStaff());
      const prober = newId();
      const saigon = await saigonStaff(prober);

      const probe = await app.request('POST', '/api/v1/subjects', { token: saigon, body: subjectBody({ idDocument: body.idDocument }) });
      expect(probe.status).toBe(409);
      expect(probe.body).toEqual({ error: 'subject_already_registered', message: expect.any(String) });
      expect(JSON.stringify(probe.body)).not.toContain(hanoiFacility);

      const lookup = (await awaitRecordsOf(prober, 1)).find((r) => r.action === 'subject.lookup')!;
      const lookupDocument = await (await openRegistryCollections(app.infra.services.registry.readModels)).lookup.get(subjectId);
      expect(lookup).toMatchObject({ accountId: prober, criteria: 'idNumber', subjectIds: [subjectId], idNumberKey: lookupDocument!.idNumberHash });
      expect(JSON.stringify(accessRecords.filter((r) => r.data!.accountId === prober))).not.toContain(body.idDocument.number);
      const inTrail = await trailOf(prober, 'subject.lookup');
      expect(inTrail[0].subjectIds).toEqual([subjectId]);
      expect(JSON.stringify(inTrail)).not.toContain(body.idDocument.number);

      // Two more probes use up the day's quota of 3; the fourth answer is a 429, not a 409.
      for (let i = 0; i < 2; i++) {
        expect((await app.request('POST', '/api/v1/subjects', { token: saigon, body: subjectBody({ idDocument: body.idDocument }) })).status).toBe(409);
      }
      const beyond = await app.request('POST', '/api/v1/subjects', { token: saigon, body: subjectBody({ idDocument: body.idDocument }) });
      expect(beyond).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
      expect(Number(beyond.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // From now on a free number answers 429 as well (and is not registered), so the answer tells nothing.
      const freeDocument = { type: 'CCCD', number: uniqueCccd() };
      const free = await app.request('POST', '/api/v1/subjects', { token: saigon, body: subjectBody({ idDocument: freeDocument }) });
      expect(free).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
      const search = await app.request('POST', '/api/v1/subjects/search', {
        token: saigon,
        body: { fullName: body.fullName, idNumber: body.idDocument.number },
      });
      expect(search.status).toBe(429);
      // Three lookups recorded: the answers refused for the quota were given before any document was tried.
      expect((await awaitRecordsOf(prober, 3)).filter((r) => r.action === 'subject.lookup')).toHaveLength(3);
      const colleague = await saigonStaff();
      expect((await register(colleague, subjectBody({ idDocument: freeDocument }))).subjectId).toEqual(expect.any(String));
    });

    it('answers an ID-number change to a taken number the same way, and names the facility only to its own accounts', async () => {
      const taken = await register(await saigonStaff());
      const accountId = newId();
      const hanoi = await hanoiStaff(accountId);
      const own = await register(hanoi);
      const probe = await app.request('PATCH', `/api/v1/subjects/${own.subjectId}`, { token: hanoi, body: { idDocument: taken.body.idDocument } });
      expect(probe.status).toBe(409);
      expect(probe.body).toEqual({ error: 'subject_already_registered', message: expect.any(String) });
      const record = await app.request('GET', `/api/v1/subjects/${own.subjectId}`, { token: hanoi });
      expect(record.body.idDocument).toEqual(own.body.idDocument);
      expect((await awaitRecordsOf(accountId, 2)).filter((r) => r.action === 'subject.lookup')).toHaveLength(1);

      const ownTaken = await register(hanoi);
      const ownProbe = await app.request('PATCH', `/api/v1/subjects/${own.subjectId}`, { token: hanoi, body: { idDocument: ownTaken.body.idDocument } });
      expect(ownProbe.body).toEqual({ error: 'subject_already_registered', message: expect.any(String), details: { managingFacilityId: hanoiFacility } });
    });
  });

  describe('search scope (item 4)', () => {
    it('lets a province admin find only subjects managed in its province, while facilities and the national admin search nationwide', async () => {
      const { subjectId, body } = await register(await hanoiStaff());
      const query = { fullName: body.fullName, phone: body.phone };
      const search = (token: string) => app.request('POST', '/api/v1/subjects/search', { token, body: query });
      const found = (response: { body: { items: Array<{ subjectId: string }> } }) => response.body.items.map((i) => i.subjectId);

      // Wait on the read model itself: every search counts against the (small) quota of this suite.
      const lookup = (await openRegistryCollections(app.infra.services.registry.readModels)).lookup;
      await eventually(async () => lookup.get(subjectId));
      const hit = await search(await app.tokenFor({ role: 'province_admin', provinceCode: '01' }));
      expect(hit.body.items[0]).toMatchObject({ subjectId, phone: expect.stringMatching(/^\*+\d{3}$/), managingFacilityId: hanoiFacility });
      expect(found(await search(await app.tokenFor({ role: 'national_admin' })))).toEqual([subjectId]);
      expect(found(await search(await saigonStaff()))).toEqual([subjectId]);

      const otherProvinceAdmin = newId();
      const outside = await search(await app.tokenFor({ role: 'province_admin', provinceCode: '79', accountId: otherProvinceAdmin }));
      expect(outside).toMatchObject({ status: 200, body: { items: [] } });
      const [recorded] = await awaitRecordsOf(otherProvinceAdmin, 1);
      expect(recorded).toMatchObject({ action: 'subject.search', subjectIds: [], criteria: 'fullName+phone' });
      // Still composite-only, for every role.
      const single = await app.request('POST', '/api/v1/subjects/search', {
        token: await app.tokenFor({ role: 'province_admin', provinceCode: '79' }),
        body: { phone: body.phone },
      });
      expect(single).toMatchObject({ status: 400, body: { error: 'search_criteria_invalid' } });
    });

    it('judges a lookup document projected before the managing province was kept by the subject’s own stream', async () => {
      const { subjectId, body } = await register(await hanoiStaff());
      const lookup = (await openRegistryCollections(app.infra.services.registry.readModels)).lookup;
      const projected = await eventually(async () => lookup.get(subjectId));
      const { managingProvinceCode: _dropped, ...older } = projected;
      await lookup.upsert(older, Number.MAX_SAFE_INTEGER);
      expect((await lookup.get(subjectId))?.managingProvinceCode).toBeUndefined();

      const query = { fullName: body.fullName, idNumber: body.idDocument.number };
      const search = async (provinceCode: string) =>
        (await app.request('POST', '/api/v1/subjects/search', { token: await app.tokenFor({ role: 'province_admin', provinceCode }), body: query }))
          .body.items.map((i: { subjectId: string }) => i.subjectId);
      expect(await search('01')).toEqual([subjectId]);
      expect(await search('79')).toEqual([]);
    });
  });

  describe('reads of other facilities’ records (item 5)', () => {
    it('refuses a read of another facility’s record or history without a purpose, or with one outside the list: no access record, a denial for the missing purpose', async () => {
      const { subjectId } = await register(await hanoiStaff());
      const reader = newId();
      const saigon = await saigonStaff(reader);
      for (const path of [`/api/v1/subjects/${subjectId}`, `/api/v1/subjects/${subjectId}/history`]) {
        const bare = await app.request('GET', path, { token: saigon });
        expect(bare).toMatchObject({ status: 400, body: { error: 'purpose_required' } });
        expect(bare.body.fullName).toBeUndefined();
        const unknown = await app.request('GET', path, { token: saigon, headers: { 'x-purpose': 'curiosity' } });
        expect(unknown).toMatchObject({ status: 400, body: { error: 'purpose_invalid' } });
      }
      const national = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: await app.tokenFor({ role: 'national_admin' }) });
      expect(national).toMatchObject({ status: 400, body: { error: 'purpose_required' } });

      // A read that is answered is recorded; the refused ones before it were not.
      // The purpose is taken exactly as listed: another case is purpose_invalid, like an unknown one.
      const otherCase = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: saigon, headers: { 'x-purpose': 'Vaccination' } });
      expect(otherCase).toMatchObject({ status: 400, body: { error: 'purpose_invalid' } });
      const answered = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: saigon, headers: { 'x-purpose': 'vaccination' } });
      expect(answered.status).toBe(200);
      const records = await awaitRecordsOf(reader, 1);
      expect(records).toEqual([expect.objectContaining({ action: 'subject.read', subjectIds: [subjectId], purpose: 'vaccination' })]);
      // The missing purpose is a refusal on access grounds (a denial); an unknown one is a malformed header (none).
      for (const action of ['subject.read', 'subject.history.read']) {
        const found = await awaitDenialsOf(reader, action);
        expect(found).toEqual([expect.objectContaining({ target: { subjectId }, reason: 'purpose_required' })]);
      }
    });

    it('counts other facilities’ reads against the hourly quota (429 with Retry-After beyond it), while the own facility reads freely', async () => {
      const { subjectId } = await register(await hanoiStaff());
      const reader = newId();
      const saigon = await saigonStaff(reader);
      const read = (path: string, purpose: string) => app.request('GET', path, { token: saigon, headers: { 'x-purpose': purpose } });

      expect((await read(`/api/v1/subjects/${subjectId}`, 'vaccination')).status).toBe(200);
      expect((await read(`/api/v1/subjects/${subjectId}/history`, 'correction')).status).toBe(200);
      expect((await read(`/api/v1/subjects/${subjectId}`, 'audit')).status).toBe(200);
      const refused = await read(`/api/v1/subjects/${subjectId}`, 'other');
      expect(refused).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.body.details.retryAfterSeconds).toBe(retryAfter);

      const [overQuota] = await awaitDenialsOf(reader, 'subject.read');
      expect(overQuota).toMatchObject({ target: { subjectId }, reason: 'rate_limited', cause: 'cross_facility_read_quota' });

      const purposes = (await awaitRecordsOf(reader, 3)).map((r) => [r.action, r.purpose]);
      expect(purposes).toEqual([
        ['subject.read', 'vaccination'],
        ['subject.history.read', 'correction'],
        ['subject.read', 'audit'],
      ]);

      // The managing facility needs neither a purpose nor quota, however often it reads.
      const owner = await hanoiStaff();
      for (let i = 0; i < 5; i++) expect((await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: owner })).status).toBe(200);
    });
  });

  it('documents the new answers in the OpenAPI document', async () => {
    const doc = (await app.request('GET', '/api/docs-json')).body;
    const read = doc.paths['/api/v1/subjects/{subjectId}'].get;
    expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '429']));
    expect(read.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Purpose', in: 'header' })]));
    expect(read.responses['400'].description).toContain('purpose_required');
    expect(Object.keys(doc.paths['/api/v1/subjects/{subjectId}/history'].get.responses)).toEqual(expect.arrayContaining(['400', '429']));
    expect(Object.keys(doc.paths['/api/v1/subjects'].post.responses)).toEqual(expect.arrayContaining(['409', '429']));
    expect(doc.paths['/api/v1/subjects/{subjectId}/transfer-requests/{requestId}/accept'].post.responses['403']).toBeDefined();
  });
});

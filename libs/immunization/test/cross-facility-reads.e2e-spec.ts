/**
 * Dose histories and FHIR bundles of another facility's subject, read through the real standalone app: they need
 * a purpose from the fixed list and count against the per-account hourly quota, exactly like registry's reads.
 * Immunization knows who manages a subject only from registry's subject feed, which this suite drives for real
 * (registration and transfer over HTTP, delivery over the bus).
 */
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';

interface RecordReadData {
  accountId: string;
  subjectId: string;
  view: string;
  purpose: string | null;
}

describe('reads of other facilities’ immunization records (standalone app)', () => {
  let app: StandaloneTestApp;
  const hanoiFacility = newId();
  const saigonFacility = newId();
  const reads: RecordReadData[] = [];

  const staff = (facilityId: string, provinceCode: string, accountId = newId()) =>
    app.tokenFor({ role: 'staff', accountId, facilityId, provinceCode, rights: ['data_entry', 'subject_management', 'dose_history_update'] });
  const readsOf = (accountId: string) => reads.filter((r) => r.accountId === accountId);

  /** A person registered at Hà Nội with one dose, once immunization has learned that Hà Nội manages them. */
  async function hanoiSubjectWithDose(): Promise<{ subjectId: string; hanoi: string }> {
    const hanoi = await staff(hanoiFacility, '01');
    const digits = String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const registered = await app.request('POST', '/api/v1/subjects', {
      token: hanoi,
      body: {
        fullName: 'Trịnh Thị Thu Hà',
        dateOfBirth: '1988-04-21',
        gender: 'female',
        idDocument: { type: 'CCCD', number: digits },
        phone: `09${digits.slice(-8)}`,
        address: { provinceCode: '01', districtCode: '005', line: 'Số 3 ngõ 5 Láng Hạ' },
      },
    });
    expect(registered.status).toBe(201);
    const subjectId = registered.body.subjectId as string;
    const dose = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
      token: hanoi,
      body: { vaccineCode: 'VAXZEVRIA', lotNumber: 'ABV5811', administeredAt: '2021-08-02T09:30:00+07:00', facilityId: hanoiFacility },
    });
    expect(dose.status).toBe(201);
    // Registry's announcement has arrived once the managing facility reads without a purpose.
    await eventually(async () => (await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: hanoi })).status === 200);
    return { subjectId, hanoi };
  }

  beforeAll(async () => {
    app = await StandaloneTestApp.start({ env: { CROSS_FACILITY_READS_PER_HOUR: '2' } });
    await app.infra.services.audit.bus.subscribe({
      groupId: `cross-facility-reads-${newId()}`,
      topics: [Topics.auditAccess],
      handler: async (message: CloudEvent) => {
        if (message.type === 'vaxledger.immunization.record.read') reads.push(message.data as RecordReadData);
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses another facility’s read of the doses or the FHIR bundle without a purpose, or with one outside the list, and records none', async () => {
    const { subjectId } = await hanoiSubjectWithDose();
    const reader = newId();
    const saigon = await staff(saigonFacility, '79', reader);
    for (const view of ['doses', 'fhir']) {
      const bare = await app.request('GET', `/api/v1/subjects/${subjectId}/${view}`, { token: saigon });
      expect(bare).toMatchObject({ status: 400, body: { error: 'purpose_required' } });
      expect(JSON.stringify(bare.body)).not.toContain('ABV5811');
      const unknown = await app.request('GET', `/api/v1/subjects/${subjectId}/${view}`, { token: saigon, headers: { 'x-purpose': 'just looking' } });
      expect(unknown).toMatchObject({ status: 400, body: { error: 'purpose_invalid' } });
    }
    const auditor = await app.tokenFor({ role: 'auditor' });
    expect((await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: auditor })).body.error).toBe('purpose_required');

    const answered = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: saigon, headers: { 'x-purpose': 'vaccination' } });
    expect(answered.status).toBe(200);
    expect(answered.body.items).toHaveLength(1);
    await eventually(async () => readsOf(reader).length === 1);
    expect(readsOf(reader)).toEqual([expect.objectContaining({ subjectId, view: 'dose-history', purpose: 'vaccination' })]);
  });

  it('counts other facilities’ reads against the hourly quota, with Retry-After beyond it, while the managing facility reads freely', async () => {
    const { subjectId, hanoi } = await hanoiSubjectWithDose();
    const reader = newId();
    const saigon = await staff(saigonFacility, '79', reader);
    const read = (view: string, purpose: string) =>
      app.request('GET', `/api/v1/subjects/${subjectId}/${view}`, { token: saigon, headers: { 'x-purpose': purpose } });

    expect((await read('doses', 'vaccination')).status).toBe(200);
    expect((await read('fhir', 'transfer')).status).toBe(200);
    const refused = await read('doses', 'vaccination');
    expect(refused).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    await eventually(async () => readsOf(reader).length === 2);
    expect(readsOf(reader).map((r) => [r.view, r.purpose])).toEqual([
      ['dose-history', 'vaccination'],
      ['fhir-bundle', 'transfer'],
    ]);
    for (let i = 0; i < 4; i++) {
      expect((await app.request('GET', `/api/v1/subjects/${subjectId}/fhir`, { token: hanoi })).status).toBe(200);
    }
  });

  it('follows a transfer: once registry announces the new managing facility, its staff read without a purpose and the former one needs it', async () => {
    const { subjectId, hanoi } = await hanoiSubjectWithDose();
    const saigon = await staff(saigonFacility, '79');
    const asked = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests`, { token: saigon, body: { toFacilityId: saigonFacility } });
    expect(asked.status).toBe(201);
    const accepted = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests/${asked.body.requestId}/accept`, { token: hanoi });
    expect(accepted.status).toBe(200);

    await eventually(async () => (await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: saigon })).status === 200);
    const former = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: hanoi });
    expect(former).toMatchObject({ status: 400, body: { error: 'purpose_required' } });
  });

  it('documents the purpose header and the new answers on both routes', async () => {
    const doc = (await app.request('GET', '/api/docs-json')).body;
    for (const path of ['/api/v1/subjects/{id}/doses', '/api/v1/subjects/{id}/fhir']) {
      const route = doc.paths[path].get;
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
      expect(route.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Purpose', in: 'header' })]));
    }
  });
});

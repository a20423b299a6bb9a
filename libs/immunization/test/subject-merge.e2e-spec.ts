/**
 * Registry merges through the standalone app: the merged-away subject's doses move to the survivor's record
 * (dose history, schedule rules, FHIR bundle), and an unmerge moves them back.
 */
import { randomInt } from 'node:crypto';
import { type FacilityRegisteredMessage, Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { SubjectMergeConsumer } from '../src/integration/subject-merge.consumer';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

interface DoseItem {
  doseId: string;
  doseNumber: number;
  status: string;
}

describe('registry merges move doses (standalone app)', () => {
  let app: StandaloneTestApp;
  const facilityId = newId();
  const tokens: Record<string, string> = {};
  const registryMessages: CloudEvent[] = [];

  const dose = (vaccineCode: string, date: string, lotNumber: string) => ({ vaccineCode, lotNumber, administeredAt: `${date}T09:30:00+07:00`, facilityId, site: 'LD' });

  async function registerPerson(fullName: string) {
    const body = {
      fullName,
      dateOfBirth: '1987-03-09',
      gender: 'male',
      idDocument: { type: 'CCCD', number: `0${digits(11)}` },
      phone: `091${digits(7)}`,
      address: { provinceCode: '79', districtCode: '769', line: 'Số 5 đường Võ Văn Ngân' },
    };
    const response = await app.request('POST', '/api/v1/subjects', { token: tokens.staff, body });
    expect(response.status).toBe(201);
    const subjectId = response.body.subjectId as string;
    await eventually(async () => {
      const r = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff, body: dose('COMIRNATY', '1900-01-01', 'X1') });
      return r.body.error === 'dose_before_birth';
    }, 10_000);
    return subjectId;
  }

  async function recordDose(subjectId: string, date: string, lotNumber: string) {
    const response = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff, body: dose('COMIRNATY', date, lotNumber) });
    expect(response.status).toBe(201);
    return response.body as { doseId: string; doseNumber: number };
  }

  const doses = async (subjectId: string): Promise<DoseItem[]> => {
    const response = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff });
    expect(response.status).toBe(200);
    return response.body.items as DoseItem[];
  };
  const doseIds = async (subjectId: string) => (await doses(subjectId)).map((d) => d.doseId).sort();

  beforeAll(async () => {
    app = await StandaloneTestApp.start();
    tokens.staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });
    tokens.provinceAdmin79 = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
    const facility: CloudEvent<FacilityRegisteredMessage> = {
      specversion: '1.0',
      id: newId(),
      source: '/test',
      type: 'vaxledger.identity.facility.registered',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: facilityId,
      data: { facilityId, code: `HCM-TD-${digits(4)}`, name: 'Trạm Y tế Phường Linh Trung', provinceCode: '79', districtCode: '769' },
    };
    await app.infra.services.immunization.bus.publish(Topics.identityOrganisation, [facility]);
    await app.infra.services.immunization.bus.subscribe({
      groupId: `merge-e2e-${newId()}`,
      topics: [Topics.registrySubject, Topics.immunizationRecord, Topics.immunizationDose],
      handler: async (message) => void registryMessages.push(message),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const certificates = async (subjectId: string) =>
    (await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.staff })).body.items as Array<{ certificateId: string; status: string; hc1: string }>;
  const verify = async (hc1: string) => (await app.request('POST', '/api/v1/certificates/verify', { body: { hc1 } })).body;

  it('moves the duplicate\'s doses to the survivor on merge, and back on unmerge', async () => {
    const survivor = await registerPerson('Trần Văn Khoa');
    const duplicate = await registerPerson('Trần Văn Khoa');
    // The person was vaccinated twice under the duplicate record; the survivor holds none of it.
    const first = await recordDose(duplicate, '2021-09-01', 'FK1001');
    const second = await recordDose(duplicate, '2021-10-15', 'FK1002');
    expect([first.doseNumber, second.doseNumber]).toEqual([1, 2]);

    const merged = await app.request('POST', `/api/v1/subjects/${survivor}/merge`, { token: tokens.provinceAdmin79, body: { duplicateSubjectId: duplicate } });
    expect(merged.status).toBe(200);
    await eventually(async () => (await doseIds(survivor)).length === 2, 15_000);
    expect(await doseIds(survivor)).toEqual([first.doseId, second.doseId].sort());
    expect(await doseIds(duplicate)).toEqual([]);

    // The FHIR bundle of the survivor shows both doses.
    const bundle = await app.request('GET', `/api/v1/subjects/${survivor}/fhir`, { token: tokens.staff });
    expect(bundle.status).toBe(200);
    const immunizations = (bundle.body.entry as Array<{ resource: { resourceType: string; lotNumber?: string } }>)
      .map((e) => e.resource)
      .filter((r) => r.resourceType === 'Immunization');
    expect(immunizations.map((r) => r.lotNumber).sort()).toEqual(['FK1001', 'FK1002']);

    // Registry's dose summaries (and certificates) and the reporting feed follow: each moved dose is published
    // as a correction under its new subject; the reporting feed keeps the dose's key and changes the person's.
    const corrections = await eventually(async () => {
      const found = registryMessages.filter((m) => m.type === 'vaxledger.immunization.dose.corrected' && (m.data as { subjectId?: string }).subjectId === survivor);
      return found.length === 2 ? found : null;
    }, 15_000);
    expect(corrections.map((m) => (m.data as { doseId: string }).doseId).sort()).toEqual([first.doseId, second.doseId].sort());
    expect(new Set(corrections.map((m) => m.id)).size).toBe(2);
    const reports = registryMessages.filter((m) => m.type === 'vaxledger.immunization.dose-report.corrected');
    expect(reports).toHaveLength(2);
    const recordedReports = registryMessages.filter((m) => m.type === 'vaxledger.immunization.dose-report.recorded');
    expect(new Set(reports.map((m) => (m.data as { doseKey: string }).doseKey))).toEqual(new Set(recordedReports.map((m) => (m.data as { doseKey: string }).doseKey)));
    expect(reports[0].partitionkey).not.toBe(recordedReports[0].partitionkey);

    // The schedule sees one history: the survivor's next COVID-19 dose is the third, not a first.
    const next = await recordDose(survivor, '2022-03-20', 'FK1003');
    expect(next.doseNumber).toBe(3);

    // The same merge message delivered again (a redelivery, or a replay of the topic) moves nothing twice.
    const mergeMessage = await eventually(async () => registryMessages.find((m) => m.type === 'vaxledger.registry.subject.merged' && (m.data as { subjectId?: string }).subjectId === duplicate));
    const consumer = new SubjectMergeConsumer(app.infra.services.immunization.eventStore);
    await consumer.handle(mergeMessage);
    expect(await doseIds(survivor)).toEqual([first.doseId, second.doseId, next.doseId].sort());
    const survivorStream = await app.infra.services.immunization.eventStore.readStream(`immunization-${survivor}`);
    expect(survivorStream.filter((e) => e.type === 'DosesTransferredIn')).toHaveLength(1);

    const unmerged = await app.request('POST', `/api/v1/subjects/${survivor}/unmerge`, { token: tokens.provinceAdmin79, body: { duplicateSubjectId: duplicate } });
    expect(unmerged.status).toBe(200);
    await eventually(async () => (await doseIds(duplicate)).length === 2, 15_000);
    expect(await doseIds(duplicate)).toEqual([first.doseId, second.doseId].sort());
    expect(await doseIds(survivor)).toEqual([next.doseId]);

    // Replaying the old merge message after the unmerge does not move the doses again.
    await consumer.handle(mergeMessage);
    expect(await doseIds(duplicate)).toEqual([first.doseId, second.doseId].sort());
    expect(await doseIds(survivor)).toEqual([next.doseId]);
  });

  it('keeps a certificate true across merge and unmerge: one stating a dose the unmerge takes away is revoked and replaced', async () => {
    const survivor = await registerPerson('Lê Thị Hồng');
    const duplicate = await registerPerson('Lê Thị Hồng');
    await recordDose(survivor, '2021-09-01', 'FK2001');
    await recordDose(duplicate, '2021-10-20', 'FK2002');
    const merged = await app.request('POST', `/api/v1/subjects/${survivor}/merge`, { token: tokens.provinceAdmin79, body: { duplicateSubjectId: duplicate } });
    expect(merged.status).toBe(200);
    await eventually(async () => (await doseIds(survivor)).length === 2, 15_000);
    // Issued on the merged record: it states the latest COVID-19 dose, the one that came from the duplicate.
    const issued = await app.request('POST', `/api/v1/subjects/${survivor}/certificates`, { token: tokens.staff, body: {} });
    expect(issued.status).toBe(201);
    expect((await verify(issued.body.hc1)).payload.v[0]).toMatchObject({ dt: '2021-10-20' });

    const unmerged = await app.request('POST', `/api/v1/subjects/${survivor}/unmerge`, { token: tokens.provinceAdmin79, body: { duplicateSubjectId: duplicate } });
    expect(unmerged.status).toBe(200);
    // That dose is no longer the survivor's: the certificate is revoked, and one stating the survivor's own dose issued.
    const renewed = await eventually(async () => {
      const valid = (await certificates(survivor)).filter((c) => c.status === 'valid');
      if (valid.length !== 1 || valid[0].certificateId === issued.body.certificateId) return null;
      return (await verify(valid[0].hc1)).payload?.v?.[0]?.dt === '2021-09-01' ? valid[0] : null;
    }, 15_000);
    expect(await verify(issued.body.hc1)).toMatchObject({ valid: false, reason: 'revoked' });
    expect(await verify(renewed.hc1)).toMatchObject({ valid: true });
  });
});

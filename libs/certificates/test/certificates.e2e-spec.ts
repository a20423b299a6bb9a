/**
 * Certificates end to end through the real standalone app: registry holds the person, immunization the doses,
 * the certificates module issues, verifies, revokes and reissues on every change, event-driven.
 */
import { randomInt } from 'node:crypto';
import { type FacilityRegisteredMessage, Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { uvciRevocationHash } from '../src/domain/hcert-verifier';
import { dccSchemaValidator } from './dcc-schema-validator';
import { readHc1Independently } from './independent-hcert-decoder';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

describe('certificates over HTTP (standalone app)', () => {
  let app: StandaloneTestApp;
  const facilityId = newId();
  const tokens: Record<string, string> = {};
  const validateDcc = dccSchemaValidator();
  const published: CloudEvent[] = [];

  async function registerPerson(fullName = 'Nguyễn Văn Ân') {
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
    // Immunization learns the birth date from registry's topic; once it refuses a dose before birth it knows.
    await eventually(async () => {
      const r = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff, body: dose('COMIRNATY', '1900-01-01', 'X1') });
      return r.body.error === 'dose_before_birth';
    }, 10_000);
    return { subjectId, body };
  }

  const dose = (vaccineCode: string, date: string, lotNumber: string) => ({ vaccineCode, lotNumber, administeredAt: `${date}T09:30:00+07:00`, facilityId, site: 'LD' });

  async function recordDose(subjectId: string, date: string, lotNumber: string, vaccineCode = 'COMIRNATY') {
    const response = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff, body: dose(vaccineCode, date, lotNumber) });
    expect(response.status).toBe(201);
    return response.body.doseId as string;
  }

  const issue = (subjectId: string, token = tokens.staff) => app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token, body: {} });
  const list = async (subjectId: string) => (await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.staff })).body.items as any[];
  const verify = async (hc1: string) => (await app.request('POST', '/api/v1/certificates/verify', { body: { hc1 } })).body;
  const trustedCertificate = async () => Buffer.from((await app.request('GET', '/api/v1/certificates/trust-list')).body.keys[0].certificate, 'base64');

  beforeAll(async () => {
    app = await StandaloneTestApp.start();
    tokens.staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });
    tokens.reporter = await app.tokenFor({ role: 'reporter' });
    tokens.national = await app.tokenFor({ role: 'national_admin' });
    tokens.provinceAdmin01 = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
    tokens.provinceAdmin79 = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
    await app.infra.services.immunization.bus.subscribe({
      groupId: `certificates-e2e-${newId()}`,
      topics: [Topics.immunizationRecord, Topics.auditAccess],
      handler: async (message) => void published.push(message),
    });
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
  });

  afterAll(async () => {
    await app?.close();
  });

  it('issues an HCERT for the latest COVID-19 dose that an independent decoder and the eu-dcc-schema accept', async () => {
    const { subjectId } = await registerPerson();
    await recordDose(subjectId, '2021-09-01', 'FK1111');
    await recordDose(subjectId, '2021-10-15', 'FK2222');
    const response = await issue(subjectId);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['certificateId', 'expiresAt', 'hc1', 'issuedAt', 'qrPng', 'uvci']);
    expect(response.body.uvci).toMatch(/^URN:UVCI:01:VN:MOH\/[A-Z0-9]+#[A-Z0-9/:]$/);
    expect(Buffer.from(response.body.qrPng, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const reading = readHc1Independently(response.body.hc1, await trustedCertificate());
    expect(reading.signatureVerifies).toBe(true);
    expect(reading.kidMatchesCertificate).toBe(true);
    expect(validateDcc(reading.dcc)).toBe(true);
    expect(reading.dcc).toMatchObject({ nam: { fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn Ân', gnt: 'VAN<AN' }, dob: '1987-03-09', v: [{ dn: 2, sd: 2, dt: '2021-10-15', mp: 'EU/1/20/1528', ci: response.body.uvci }] });
    expect(await verify(response.body.hc1)).toMatchObject({ valid: true, payload: { dob: '1987-03-09' } });
    const items = await list(subjectId);
    expect(items).toEqual([expect.objectContaining({ certificateId: response.body.certificateId, status: 'valid', uvci: response.body.uvci, hc1: response.body.hc1 })]);
  });

  it('revokes and reissues on a dose correction: the verifier then refuses the old QR and accepts the new one', async () => {
    const { subjectId } = await registerPerson('Trần Thị Hường');
    await recordDose(subjectId, '2021-09-02', 'FK3333');
    const secondDoseId = await recordDose(subjectId, '2021-10-20', 'FK4444');
    const old = (await issue(subjectId)).body;
    expect((await verify(old.hc1)).valid).toBe(true);

    const corrected = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${secondDoseId}/correct`, {
      token: tokens.staff,
      body: { administeredAt: '2021-10-21T09:30:00+07:00', reason: 'Ngày tiêm nhập sai / wrong date entered' },
    });
    expect(corrected.status).toBe(200);

    const items = await eventually(async () => {
      const current = await list(subjectId);
      return current.length === 2 ? current : null;
    }, 10_000);
    const [renewed, revoked] = items;
    expect(revoked).toMatchObject({ certificateId: old.certificateId, status: 'revoked', revocationReason: 'statement_changed' });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(renewed).toMatchObject({ status: 'valid', replaces: [old.certificateId] });
    expect(renewed.uvci).not.toBe(old.uvci);

    expect(await verify(old.hc1)).toMatchObject({ valid: false, reason: 'revoked' });
    const accepted = await verify(renewed.hc1);
    expect(accepted).toMatchObject({ valid: true });
    expect(accepted.payload.v[0].dt).toBe('2021-10-21');

    const revocations = (await app.request('GET', '/api/v1/certificates/revocations')).body;
    expect(revocations.payload.hashes).toContain(uvciRevocationHash(old.uvci));
    expect(revocations.payload.hashes).not.toContain(uvciRevocationHash(renewed.uvci));
    expect(JSON.stringify(revocations)).not.toContain(old.uvci);
    // Signed by the document signer of the trust list.
    const { createPublicKey, verify: verifySignature, X509Certificate } = await import('node:crypto');
    const key = new X509Certificate(await trustedCertificate()).publicKey;
    expect(verifySignature('sha256', Buffer.from(JSON.stringify(revocations.payload)), { key: createPublicKey(key.export({ format: 'pem', type: 'spki' })), dsaEncoding: 'ieee-p1363' }, Buffer.from(revocations.signature, 'base64url'))).toBe(true);

    // Issuance and revocation are events on the record topic (ids and hashes only) and so audit entries.
    await eventually(async () => published.some((m) => m.type === 'vaxledger.immunization.certificate.revoked' && (m.data as any).certificateId === old.certificateId), 5000);
    const issuedMessage = published.find((m) => m.type === 'vaxledger.immunization.certificate.issued' && (m.data as any).certificateId === renewed.certificateId)!;
    expect(issuedMessage).toBeDefined();
    expect(JSON.stringify(issuedMessage)).not.toMatch(/Hường|HC1:|1987-03-09/);
  });

  it('revokes on a void and reissues for the dose that remains', async () => {
    const { subjectId } = await registerPerson('Lê Minh Đức');
    const firstDoseId = await recordDose(subjectId, '2021-09-03', 'FK5555');
    const secondDoseId = await recordDose(subjectId, '2021-10-22', 'FK6666');
    const old = (await issue(subjectId)).body;
    const voided = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${secondDoseId}/void`, { token: tokens.staff, body: { reason: 'Nhập nhầm người / wrong person' } });
    expect(voided.status).toBe(200);
    const [renewed] = await eventually(async () => {
      const current = await list(subjectId);
      return current.length === 2 ? current : null;
    }, 10_000);
    expect((await verify(old.hc1)).reason).toBe('revoked');
    const accepted = await verify(renewed.hc1);
    expect(accepted.payload.v[0]).toMatchObject({ dn: 1, dt: '2021-09-03' });
    expect(firstDoseId).toEqual(expect.any(String));
  });

  it('revokes and reissues when the holder\'s name is corrected in registry', async () => {
    const { subjectId } = await registerPerson('Phạm Văn Bìnhh');
    await recordDose(subjectId, '2021-09-04', 'FK7777');
    const old = (await issue(subjectId)).body;
    const patched = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: tokens.staff, body: { fullName: 'Phạm Văn Bình' } });
    expect(patched.status).toBe(200);
    const [renewed] = await eventually(async () => {
      const current = await list(subjectId);
      return current.length === 2 ? current : null;
    }, 10_000);
    expect((await verify(old.hc1)).reason).toBe('revoked');
    expect((await verify(renewed.hc1)).payload.nam).toMatchObject({ gn: 'Văn Bình', gnt: 'VAN<BINH' });
  });

  it('revokes the certificates of a record merged into another, without replacement', async () => {
    const keep = await registerPerson('Đinh Bộ Lĩnh');
    const duplicate = await registerPerson('Đinh Bộ Lĩnh');
    await recordDose(duplicate.subjectId, '2021-09-09', 'FK1414');
    const old = (await issue(duplicate.subjectId)).body;
    const merged = await app.request('POST', `/api/v1/subjects/${keep.subjectId}/merge`, { token: tokens.provinceAdmin79, body: { duplicateSubjectId: duplicate.subjectId } });
    expect(merged.status).toBe(200);
    await eventually(async () => (await verify(old.hc1)).reason === 'revoked', 10_000);
    const items = await list(duplicate.subjectId);
    expect(items).toEqual([expect.objectContaining({ certificateId: old.certificateId, status: 'revoked', revocationReason: 'subject_merged' })]);
    expect((await issue(duplicate.subjectId)).body.error).toBe('subject_merged');
  });

  it('does not revoke a dose-1 certificate when dose 2 is recorded: it still states the truth', async () => {
    const { subjectId } = await registerPerson('Hoàng Thu Hà');
    await recordDose(subjectId, '2021-09-05', 'FK8888');
    const first = (await issue(subjectId)).body;
    await recordDose(subjectId, '2021-10-25', 'FK9999');
    const second = (await issue(subjectId)).body;
    expect((await verify(first.hc1)).valid).toBe(true);
    expect((await verify(second.hc1)).payload.v[0]).toMatchObject({ dn: 2, sd: 2 });
    expect((await list(subjectId)).map((c) => c.status)).toEqual(['valid', 'valid']);
  });

  it('revokes every certificate resting on a lot the national admin revokes, and issues none for that lot again', async () => {
    const lot = `LOT${digits(6)}`;
    const { subjectId } = await registerPerson('Vũ Thị Mai');
    await recordDose(subjectId, '2021-09-06', lot);
    const old = (await issue(subjectId)).body;
    await eventually(async () => (await app.request('GET', '/api/v1/certificates/revocations')).status === 200);
    expect((await app.request('POST', `/api/v1/lots/${lot}/revoke`, { token: tokens.staff, body: { reason: 'cold chain failure' } })).status).toBe(403);
    const revoked = await eventually(async () => {
      // The certificate index is a projection: the lot sweep finds the certificate once it is indexed.
      const r = await app.request('POST', `/api/v1/lots/${lot}/revoke`, { token: tokens.national, body: { reason: 'cold chain failure' } });
      return r.status === 200 && r.body.revokedCertificates === 1 ? r : null;
    });
    expect(revoked.body.lotNumber).toBe(lot);
    expect(await verify(old.hc1)).toMatchObject({ valid: false, reason: 'revoked' });
    expect((await list(subjectId))[0]).toMatchObject({ status: 'revoked', revocationReason: 'lot_revoked' });
    const again = await issue(subjectId);
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('nothing_to_certify');
  });

  it('prints a PDF with an embedded Unicode font for Vietnamese', async () => {
    const { subjectId } = await registerPerson('Đặng Ngọc Ánh');
    await recordDose(subjectId, '2021-09-07', 'FK1212');
    const issued = (await issue(subjectId)).body;
    const response = await app.app.inject({ method: 'GET', url: `/api/v1/subjects/${subjectId}/certificates/${issued.certificateId}.pdf`, headers: { authorization: `Bearer ${tokens.staff}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
    const missing = await app.request('GET', `/api/v1/subjects/${subjectId}/certificates/${newId()}.pdf`, { token: tokens.staff });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('certificate_not_found');
  });

  it('keeps issuance to facility accounts, listing to the record\'s readers, and answers bad input with the documented errors', async () => {
    const { subjectId } = await registerPerson('Bùi Quang Sơn');
    await recordDose(subjectId, '2021-09-08', 'FK1313');
    expect((await issue(subjectId, tokens.reporter)).body.error).toBe('out_of_scope');
    expect((await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { body: {} })).status).toBe(401);
    expect((await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.provinceAdmin01 })).status).toBe(403);
    const extra = await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.staff, body: { fullName: 'x' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toBe('validation_failed');
    expect((await issue(newId())).status).toBe(404);
    const noDose = await registerPerson('Đỗ Thị Trang');
    expect((await issue(noDose.subjectId)).body.error).toBe('nothing_to_certify');
    expect((await app.request('POST', '/api/v1/certificates/verify', { body: {} })).status).toBe(400);
    expect(await verify('HC1:not base45 ~')).toMatchObject({ valid: false, reason: 'base45_invalid' });
    expect(await verify('hello')).toMatchObject({ valid: false, reason: 'prefix_invalid' });
  });

  it('records every list of certificates as an access record for audit', async () => {
    const { subjectId } = await registerPerson('Hồ Văn Long');
    await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: tokens.staff });
    await eventually(async () => published.some((m) => m.type === 'vaxledger.access.recorded' && (m.data as any).action === 'certificates.list' && (m.data as any).subjectIds.includes(subjectId)), 5000);
  });
});

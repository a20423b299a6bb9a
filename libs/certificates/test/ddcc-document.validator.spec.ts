/**
 * The WHO DDCC:VS document of a certificate, served by the real standalone app and checked by the HAPI FHIR R4
 * instance validator (tools/fhir-validator). Base R4 only: the DDCC profiles named in meta.profile are not
 * loaded (the IG package is not available offline), so their constraints are asserted here by hand.
 * Skipped loudly where Java or Maven is missing; with CI=true a missing toolchain fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Topics } from '@vaxledger/contracts';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { readHc1Independently } from './independent-hcert-decoder';

const repoRoot = resolve(__dirname, '../../..');
const toolchainMissing = ['java', 'javac', 'mvn'].filter((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).error);
if (toolchainMissing.length > 0) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${toolchainMissing.join(', ')} missing: the FHIR validator cannot run`);
  process.stderr.write(`\n*** DDCC:VS FHIR validation: SKIPPED (${toolchainMissing.join(', ')} not installed) ***\n`);
}
const describeWithJava = toolchainMissing.length > 0 ? describe.skip : describe;
const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

describeWithJava('WHO DDCC:VS document of a certificate, checked by the HAPI FHIR validator', () => {
  let app: StandaloneTestApp;
  let validatorDir: string;
  let workDir: string;
  const facilityId = newId();

  beforeAll(async () => {
    validatorDir = execFileSync('bash', [join(repoRoot, 'tools/fhir-validator/build.sh')], { encoding: 'utf8', timeout: 900_000 }).trim();
    workDir = mkdtempSync(join(tmpdir(), 'vx-ddcc-'));
    app = await StandaloneTestApp.start();
  }, 960_000);

  afterAll(async () => {
    await app?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  function validate(files: string[]) {
    const run = spawnSync('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', `${validatorDir}/classes:${validatorDir}/lib/*`, 'ValidateBundle', ...files], { encoding: 'utf8', timeout: 300_000 });
    const output = `${run.stdout}${run.stderr}`;
    const errorsByFile = new Map<string, number>();
    for (const match of output.matchAll(/^RESULT (\S+) errors=(\d+)/gm)) errorsByFile.set(match[1], Number(match[2]));
    return { output, errorsByFile };
  }

  it('serves the certificate as a DDCC:VS document bundle that states what the QR states and passes base R4 validation', async () => {
    const staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });
    const otherProvince = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
    await app.infra.services.immunization.bus.publish(Topics.identityOrganisation, [
      {
        specversion: '1.0',
        id: newId(),
        source: '/test',
        type: 'vaxledger.identity.facility.registered',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: facilityId,
        data: { facilityId, code: `HCM-TD-${digits(4)}`, name: 'Trạm Y tế Phường Linh Trung', provinceCode: '79', districtCode: '769' },
      },
    ]);
    const registered = await app.request('POST', '/api/v1/subjects', {
      token: staff,
      body: {
        fullName: 'Nguyễn Văn Ân',
        dateOfBirth: '1987-03-09',
        gender: 'male',
        idDocument: { type: 'CCCD', number: `0${digits(11)}` },
        phone: `091${digits(7)}`,
        address: { provinceCode: '79', districtCode: '769', line: 'Số 5 đường Võ Văn Ngân' },
      },
    });
    expect(registered.status).toBe(201);
    const subjectId = registered.body.subjectId as string;
    const doseId = await eventually(async () => {
      const r = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
        token: staff,
        body: { vaccineCode: 'COMIRNATY', lotNumber: 'FF2587', administeredAt: '2021-08-20T09:30:00+07:00', facilityId, site: 'LD' },
      });
      return r.status === 201 ? (r.body.doseId as string) : null;
    }, 15_000);
    const issued = await eventually(async () => {
      const r = await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token: staff, body: {} });
      return r.status === 201 ? r.body : null;
    }, 15_000);

    const path = `/api/v1/subjects/${subjectId}/certificates/${issued.certificateId}/ddcc`;
    const response = await app.request('GET', path, { token: staff });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const bundle = response.body;
    const signerCertificate = Buffer.from((await app.request('GET', '/api/v1/certificates/trust-list')).body.keys[0].certificate, 'base64');
    const dcc = readHc1Independently(issued.hc1, signerCertificate).dcc as any;

    // The DDCCDocument / DDCCVSComposition / DDCCPatient / DDCCImmunization / DDCCOrganization constraints.
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'document', identifier: { value: issued.uvci }, timestamp: issued.issuedAt });
    const resources = bundle.entry.map((e: any) => e.resource);
    expect(resources.map((r: any) => r.resourceType)).toEqual(['Composition', 'Patient', 'Organization', 'Immunization']);
    const [composition, patient, organization, immunization] = resources;
    const urlOf = (resource: any) => bundle.entry.find((e: any) => e.resource === resource).fullUrl;
    expect(composition).toMatchObject({
      identifier: { value: issued.uvci },
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '82593-5' }] },
      subject: { reference: urlOf(patient) },
      attester: [{ mode: 'official', party: { reference: urlOf(organization) } }],
      section: [{ focus: { reference: urlOf(immunization) } }],
    });
    expect(patient).toMatchObject({ name: [{ text: 'Nguyễn Văn Ân', family: 'Nguyễn', given: ['Văn Ân'] }], birthDate: '1987-03-09' });
    expect(organization.name).toBe(dcc.v[0].is);
    expect(immunization).toMatchObject({
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://id.who.int/icd11/mms', code: 'XM68M6' }] },
      patient: { reference: urlOf(patient) },
      occurrenceDateTime: dcc.v[0].dt,
      location: { display: expect.any(String) },
      protocolApplied: [
        { authority: { reference: urlOf(organization) }, targetDisease: [{ coding: [{ code: 'RA01' }] }], doseNumberPositiveInt: dcc.v[0].dn, seriesDosesPositiveInt: dcc.v[0].sd },
      ],
    });
    const extensions = Object.fromEntries(immunization.extension.map((e: any) => [e.url.split('/').pop(), e.valueCoding?.code ?? e.valueCode]));
    expect(extensions).toEqual({ DDCCVaccineBrand: dcc.v[0].mp, DDCCVaccineMarketAuthorization: dcc.v[0].ma, DDCCCountryOfVaccination: 'VN' });
    expect(JSON.stringify(bundle)).not.toContain('CCCD');

    // Readers are the certificate list's readers; an unknown certificate is a 404.
    expect((await app.request('GET', path, { token: otherProvince })).status).toBe(403);
    const unknown = await app.request('GET', `/api/v1/subjects/${subjectId}/certificates/${newId()}/ddcc`, { token: staff });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'certificate_not_found']);

    // Base R4 cannot resolve the DDCC profile URLs (an unresolvable meta.profile is an error), so the copy sent
    // to the validator names none; every other element is validated as served.
    const withoutProfiles = (b: any) => ({ ...structuredClone(b), meta: undefined, entry: b.entry.map((e: any) => ({ ...e, resource: { ...e.resource, meta: undefined } })) });
    // A correction revokes the certificate: its document then says so, and the reissued one is final.
    const corrected = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${doseId}/correct`, {
      token: staff,
      body: { administeredAt: '2021-08-27T09:30:00+07:00', reason: 'wrong date entered' },
    });
    expect(corrected.status).toBe(200);
    const reissued = await eventually(async () => {
      const items = (await app.request('GET', `/api/v1/subjects/${subjectId}/certificates`, { token: staff })).body.items as any[];
      return items.length === 2 ? items.find((c) => c.certificateId !== issued.certificateId) : null;
    }, 20_000);
    const revokedDocument = (await app.request('GET', path, { token: staff })).body;
    expect(revokedDocument.entry[0].resource.status).toBe('entered-in-error');
    const reissuedDocument = (await app.request('GET', `/api/v1/subjects/${subjectId}/certificates/${reissued.certificateId}/ddcc`, { token: staff })).body;
    expect(reissuedDocument.entry[0].resource).toMatchObject({ status: 'final', identifier: { value: reissued.uvci } });
    expect(reissuedDocument.entry[3].resource.occurrenceDateTime).toBe('2021-08-27');

    const broken = withoutProfiles(bundle);
    delete broken.entry[3].resource.status;
    broken.entry[1].resource.birthDate = '09/03/1987';
    const files = { good: join(workDir, 'ddcc.json'), broken: join(workDir, 'broken.json') };
    writeFileSync(files.good, JSON.stringify(withoutProfiles(bundle)));
    writeFileSync(files.broken, JSON.stringify(broken));
    const { output, errorsByFile } = validate([files.good, files.broken]);
    expect({ errors: errorsByFile.get(files.good), output: errorsByFile.get(files.good) === 0 ? '' : output }).toEqual({ errors: 0, output: '' });
    expect(errorsByFile.get(files.broken)).toBe(2);
    expect(output).toMatch(/broken\.json .*Immunization\.status: minimum required = 1/);
    expect(output).toMatch(/broken\.json .*birthDate: Not a valid date/);
  }, 600_000);
});

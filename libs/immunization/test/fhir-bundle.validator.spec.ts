/**
 * The FHIR export checked by the HAPI FHIR R4 instance validator (tools/fhir-validator, built with Maven into
 * .engines/fhir-validator). Skipped loudly where Java or Maven is missing; with CI=true a missing toolchain fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Topics } from '@vaxledger/contracts';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';

const repoRoot = resolve(__dirname, '../../..');
const toolchainMissing = ['java', 'javac', 'mvn'].filter((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).error);

if (toolchainMissing.length > 0) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${toolchainMissing.join(', ')} missing: the FHIR validator cannot run`);
  process.stderr.write(`\n*** FHIR R4 validation: SKIPPED (${toolchainMissing.join(', ')} not installed) ***\n`);
}

const describeWithJava = toolchainMissing.length > 0 ? describe.skip : describe;

describeWithJava('FHIR R4 export, checked by the HAPI FHIR validator', () => {
  let app: StandaloneTestApp;
  let validatorDir: string;
  let workDir: string;
  const facilityId = 'facility-fhir';

  beforeAll(async () => {
    // First run downloads HAPI FHIR from Maven Central; later runs reuse the cached build.
    validatorDir = execFileSync('bash', [join(repoRoot, 'tools/fhir-validator/build.sh')], { encoding: 'utf8', timeout: 900_000 }).trim();
    workDir = mkdtempSync(join(tmpdir(), 'vx-fhir-'));
    app = await StandaloneTestApp.start();
  }, 960_000);

  afterAll(async () => {
    await app?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  function validate(files: string[]): { exitCode: number; output: string; errorsByFile: Map<string, number> } {
    const run = spawnSync('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', `${validatorDir}/classes:${validatorDir}/lib/*`, 'ValidateBundle', ...files], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    const errorsByFile = new Map<string, number>();
    for (const match of output.matchAll(/^RESULT (\S+) errors=(\d+)/gm)) errorsByFile.set(match[1], Number(match[2]));
    return { exitCode: run.status ?? -1, output, errorsByFile };
  }

  it('validates a record with doses, a correction, a void and a reaction, and rejects a broken bundle', async () => {
    const staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update'] });
    const auditor = await app.tokenFor({ role: 'auditor' });
    const adult = newId();
    const infant = newId();
    const recent = newId();
    for (const [subjectId, dateOfBirth] of [[adult, '1985-03-14'], [infant, '2021-10-01'], [recent, '1990-05-05']]) {
      await app.infra.services.immunization.bus.publish(Topics.registrySubject, [
        {
          specversion: '1.0',
          id: newId(),
          source: '/test',
          type: 'vaxledger.registry.subject.registered',
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          partitionkey: subjectId,
          data: { subjectId, managingFacilityId: facilityId, provinceCode: '79', districtCode: '769', birthYear: Number(dateOfBirth.slice(0, 4)), gender: 'male', dateOfBirth, priorityGroup: null },
        },
      ]);
    }
    const post = (subjectId: string, path: string, body: unknown) => app.request('POST', `/api/v1/subjects/${subjectId}${path}`, { token: staff, body });
    const first = await eventually(async () => {
      const response = await post(adult, '/doses', { vaccineCode: 'VAXZEVRIA', lotNumber: 'ABV5811', administeredAt: '2021-06-01T09:30:00+07:00', facilityId, site: 'LD', route: 'IM' });
      return response.status === 201 ? response.body : null;
    });
    const second = (await post(adult, '/doses', { vaccineCode: 'COMIRNATY', lotNumber: 'FF2587', administeredAt: '2021-08-20T10:00:00+07:00', facilityId })).body;
    expect((await post(adult, `/doses/${first.doseId}/correct`, { lotNumber: 'ABV5812', reason: 'lot mistyped' })).status).toBe(200);
    expect((await post(adult, `/doses/${first.doseId}/reactions`, { onsetAt: '2021-06-01T21:00:00+07:00', severity: 'moderate', description: 'Fever <39°C> & chills', outcome: 'recovered' })).status).toBe(201);
    expect((await post(adult, `/doses/${second.doseId}/void`, { reason: 'entered twice' })).status).toBe(200);
    await eventually(async () => (await post(infant, '/doses', { vaccineCode: 'BCG', lotNumber: 'BCG-21-07', administeredAt: '2021-10-02T08:00:00+07:00', facilityId })).status === 201);

    const forStaff = await app.request('GET', `/api/v1/subjects/${adult}/fhir`, { token: staff });
    expect(forStaff.status).toBe(200);
    expect(forStaff.headers['content-type']).toContain('application/fhir+json');
    const bundle = forStaff.body;
    expect(bundle.resourceType).toBe('Bundle');
    const [patient, ...others] = bundle.entry.map((e: any) => e.resource);
    const immunizations = others.filter((r: any) => r.resourceType === 'Immunization');
    expect(patient).toMatchObject({ resourceType: 'Patient', id: adult, gender: 'male', birthDate: '1985-03-14' });
    expect(immunizations.map((i: any) => [i.status, i.protocolApplied[0].doseNumberPositiveInt, i.vaccineCode.coding[1]?.code])).toEqual([
      ['completed', 1, '210'],
      ['entered-in-error', 2, '208'],
    ]);
    expect(immunizations[0]).toMatchObject({ lotNumber: 'ABV5812', occurrenceDateTime: '2021-06-01T09:30:00+07:00', patient: { reference: `urn:uuid:${adult}` } });

    // An auditor belongs to no facility: every read is another facility's record and says why.
    const forAuditor = (await app.request('GET', `/api/v1/subjects/${adult}/fhir`, { token: auditor, headers: { 'x-purpose': 'audit' } })).body;
    expect(forAuditor.entry[0].resource.birthDate).toBe('1985');
    const infantBundle = (await app.request('GET', `/api/v1/subjects/${infant}/fhir`, { token: staff })).body;

    // The forecast: the adult's AstraZeneca second dose (the Pfizer one was voided) has long been overdue;
    // the infant's BCG series is complete; a Pfizer first dose given yesterday makes the second due in 21 days.
    const recommendationOf = (b: any) => b.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === 'ImmunizationRecommendation');
    const [adultForecast] = recommendationOf(bundle);
    expect(recommendationOf(bundle)).toHaveLength(1);
    expect(adultForecast.patient.reference).toBe(`urn:uuid:${adult}`);
    expect(adultForecast.recommendation).toEqual([
      expect.objectContaining({
        forecastStatus: { coding: [expect.objectContaining({ code: 'overdue' })] },
        doseNumberPositiveInt: 2,
        vaccineCode: [expect.objectContaining({ coding: expect.arrayContaining([expect.objectContaining({ code: 'VAXZEVRIA' })]) })],
        dateCriterion: [
          expect.objectContaining({ code: { coding: [expect.objectContaining({ code: '30981-5' })] }, value: '2021-06-29' }),
          expect.objectContaining({ code: { coding: [expect.objectContaining({ code: '30980-7' })] }, value: '2021-07-27' }),
          expect.objectContaining({ code: { coding: [expect.objectContaining({ code: '59778-1' })] }, value: '2021-08-25' }),
        ],
        supportingImmunization: [{ reference: `urn:uuid:${first.doseId}` }],
      }),
    ]);
    expect(recommendationOf(infantBundle)[0].recommendation[0]).toMatchObject({ forecastStatus: { coding: [{ code: 'complete' }] }, series: 'bcg' });
    expect(recommendationOf(infantBundle)[0].recommendation[0].dateCriterion).toBeUndefined();
    const yesterday = new Date(Date.now() - 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await post(recent, '/doses', { vaccineCode: 'COMIRNATY', lotNumber: 'FF9999', administeredAt: `${yesterday}T09:00:00+07:00`, facilityId })).status).toBe(201);
    const recentBundle = (await app.request('GET', `/api/v1/subjects/${recent}/fhir`, { token: staff })).body;
    const recentForecast = recommendationOf(recentBundle)[0].recommendation[0];
    expect(recentForecast.forecastStatus.coding[0].code).toBe('due');
    expect(recentForecast.dateCriterion[0].value > yesterday).toBe(true);

    const broken = structuredClone(bundle);
    delete broken.entry[1].resource.status;
    broken.entry[0].resource.gender = 'woman';

    const files = { staff: join(workDir, 'staff.json'), auditor: join(workDir, 'auditor.json'), infant: join(workDir, 'infant.json'), recent: join(workDir, 'recent.json'), broken: join(workDir, 'broken.json') };
    writeFileSync(files.recent, JSON.stringify(recentBundle));
    writeFileSync(files.staff, JSON.stringify(bundle));
    writeFileSync(files.auditor, JSON.stringify(forAuditor));
    writeFileSync(files.infant, JSON.stringify(infantBundle));
    writeFileSync(files.broken, JSON.stringify(broken));

    const result = validate(Object.values(files));
    const errors = (file: string) => result.errorsByFile.get(file);
    if (errors(files.staff) !== 0 || errors(files.auditor) !== 0 || errors(files.infant) !== 0 || errors(files.recent) !== 0) process.stderr.write(result.output);
    expect(errors(files.staff)).toBe(0);
    expect(errors(files.recent)).toBe(0);
    expect(errors(files.auditor)).toBe(0);
    expect(errors(files.infant)).toBe(0);
    // The negative control proves the validator really checks: a missing status and a bad gender are errors.
    expect(errors(files.broken)).toBeGreaterThanOrEqual(2);
    expect(result.output).toMatch(/Immunization\.status: minimum required = 1/);
    expect(result.exitCode).toBe(1);
  }, 300_000);
});

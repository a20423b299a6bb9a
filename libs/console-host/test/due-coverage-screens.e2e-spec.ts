/**
 * The due list and the coverage pictures in a real browser (Debian's chromium, playwright-core) against the real
 * standalone app: a facility's staff book a due person into a session in one click; a reporter sees the tile map
 * of the 63 provinces, the weekly line chart and the table. Saves docs/screenshots/30-due-list.png and
 * 31-coverage-population.png.
 *
 * The people behind the coverage pictures are synthetic (a few per province) and the denominators are the
 * 2021 figures of reference-data/population-2021.json divided by 100,000, so that a few people make visible
 * shares; the screenshots show the screens, not real coverage.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditModule } from '@vaxledger/audit';
import { type Principal, signAccessToken } from '@vaxledger/auth';
import { Topics } from '@vaxledger/contracts';
import { IdentityModule } from '@vaxledger/identity';
import { doseRecordDecider, ImmunizationModule, immunizationStreamId, loadVaccineCatalogue } from '@vaxledger/immunization';
import { createStandaloneInfrastructure, type StandaloneInfrastructure } from '@vaxledger/infrastructure';
import { CommandHandler, newId, newOpaqueId } from '@vaxledger/kernel';
import { RegistryModule, RegistrySubjectContacts } from '@vaxledger/registry';
import { createHttpApp, createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';
import { describeWithTool, eventually } from '@vaxledger/testing';
import { type BrowserContext, type Page } from 'playwright-core';
import { registerConsole } from '../src';
import { buildConsole, chromiumTool, launchConsoleBrowser, repositoryRoot, screenshots } from './browser';

const dayMs = 86_400_000;
const vietnamDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * dayMs).toISOString().slice(0, 10);

describeWithTool(chromiumTool, 'due list and coverage pictures in a browser', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let browserProfile: string;
  let infra: StandaloneInfrastructure;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let browser: BrowserContext;
  let page: Page;
  const facilityId = newId();

  const token = (principal: Partial<Principal> & Pick<Principal, 'role'>) =>
    signAccessToken(
      {
        accountId: newId(),
        role: principal.role,
        rights: principal.rights ?? [],
        facilityId: principal.facilityId ?? null,
        provinceCode: principal.provinceCode ?? null,
        sessionId: newOpaqueId(),
      },
      infra.services.identity.keys.tokenPrivateKey!,
      900,
      new Date(),
    );

  async function api(method: string, path: string, body: unknown, bearer: string) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** Opens the console signed in with `bearer` (the tokens the sign-in screen would have stored). */
  async function openAs(bearer: string, path: string) {
    await page.goto(`${baseUrl}/sign-in`);
    await page.evaluate((accessToken) => {
      (globalThis as any).sessionStorage.setItem('vaxledger.session', JSON.stringify({ accessToken, refreshToken: 'unused', renewAfter: Date.now() + 600_000 }));
    }, bearer);
    await page.goto(`${baseUrl}${path}`);
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-due-screens-'));
    const consoleDir = join(dataDir, 'console');
    buildConsole(consoleDir);

    const real = JSON.parse(readFileSync(join(repositoryRoot, 'reference-data', 'population-2021.json'), 'utf8'));
    const scaled = {
      ...real,
      provinces: real.provinces.map((p: any) => ({
        ...p,
        averagePopulation2021: Math.round(p.averagePopulation2021 / 100_000),
        ageBands: { under12: Math.round(p.ageBands.under12 / 100_000), '12-17': Math.round(p.ageBands['12-17'] / 100_000), '18+': Math.round(p.ageBands['18+'] / 100_000) },
      })),
    };
    writeFileSync(join(dataDir, 'population.json'), JSON.stringify(scaled));

    const logger = createLogger({ service: 'due-screens', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const readiness = new ReadinessRegistry();
    infra = createStandaloneInfrastructure({
      dataDir,
      logger,
      metrics: new Metrics(),
      readiness,
      env: { ...process.env, VAXLEDGER_POPULATION_FILE: join(dataDir, 'population.json'), REMINDERS_ENABLED: 'false' },
    });
    app = await createHttpApp(
      [
        IdentityModule.register(infra.services.identity),
        RegistryModule.register(infra.services.registry),
        ImmunizationModule.register(infra.services.immunization, { subjectContacts: new RegistrySubjectContacts(infra.services.registry) }),
        AuditModule.register(infra.services.audit),
      ],
      { title: 'vaxledger (due screens)', logger, metrics: new Metrics(), readiness },
    );
    registerConsole(app.getHttpAdapter().getInstance(), consoleDir);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    ({ context: browser, page, profileDir: browserProfile } = await launchConsoleBrowser({
      viewport: { width: 1280, height: 860 },
      timeoutMs: 20_000,
    }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await infra?.close();
    for (const dir of [dataDir, browserProfile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists who is due today at a facility and books one of them into a session in one click', async () => {
    const staff = await token({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'subject_management'] });
    await infra.services.immunization.bus.publish(Topics.identityOrganisation, [
      {
        specversion: '1.0',
        id: newId(),
        source: '/test',
        type: 'vaxledger.identity.facility.registered',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: facilityId,
        data: { facilityId, code: 'HCM-TD-03', name: 'Trạm Y tế Phường Linh Trung', provinceCode: '79', districtCode: '769' },
      },
    ]);
    const people = [
      { fullName: 'Nguyễn Thị Lan', vaccineCode: 'COMIRNATY', daysAgo: 22 },
      { fullName: 'Trần Văn Minh', vaccineCode: 'VAXZEVRIA', daysAgo: 60 },
      { fullName: 'Lê Thị Hồng', vaccineCode: 'COMIRNATY', daysAgo: 40 },
      { fullName: 'Phạm Quốc Bảo', vaccineCode: 'SPIKEVAX', daysAgo: 31 },
    ];
    for (const [index, person] of people.entries()) {
      const registered = await api(
        'POST',
        '/subjects',
        {
          fullName: person.fullName,
          dateOfBirth: `198${index}-05-1${index}`,
          gender: index % 2 ? 'male' : 'female',
          idDocument: { type: 'CCCD', number: `0791${String(Date.now() + index).slice(-8)}` },
          phone: `09${String(Date.now() + index).slice(-8)}`,
          address: { provinceCode: '79', districtCode: '769', line: `${index + 1} Đường số 9` },
        },
        staff,
      );
      expect(registered.status).toBe(201);
      const dose = { vaccineCode: person.vaccineCode, lotNumber: 'LOT-21', administeredAt: `${vietnamDay(-person.daysAgo)}T09:00:00+07:00`, facilityId };
      await eventually(async () => (await api('POST', `/subjects/${registered.body.subjectId}/doses`, dose, staff)).status === 201, 10_000);
    }
    const plan = await api('POST', '/plans', { facilityId, date: vietnamDay(2), vaccineCode: 'COMIRNATY', capacity: 40 }, staff);
    expect(plan.status).toBe(201);
    await eventually(async () => (await api('GET', `/facilities/${facilityId}/due?on=${vietnamDay(0)}`, undefined, staff)).body.items.length === 4, 10_000);

    await openAs(staff, '/due');
    await page.getByRole('heading', { level: 1, name: 'Danh sách đến hạn tiêm' }).waitFor();
    await page.getByRole('cell', { name: 'Nguyễn Thị Lan' }).waitFor();
    await page.getByLabel('Hẹn vào buổi tiêm', { exact: true }).selectOption({ index: 1 });
    const lanRow = page.getByRole('row').filter({ hasText: 'Nguyễn Thị Lan' });
    await lanRow.getByRole('button', { name: 'Hẹn vào buổi này' }).click();
    await lanRow.getByText('Đã hẹn').waitFor();
    await page.getByText(/Đã hẹn Nguyễn Thị Lan vào buổi tiêm/).waitFor();
    await page.screenshot({ path: join(screenshots, '30-due-list.png'), fullPage: true });
    const attendance = await api('GET', `/plans/${plan.body.planId}`, undefined, staff);
    expect(attendance.body.booked.map((b: any) => b.subjectId)).toHaveLength(1);
  });

  it('shows a reporter the tile map of the 63 provinces, the weekly line chart and the table', async () => {
    const catalogue = loadVaccineCatalogue();
    const records = new CommandHandler(infra.services.immunization.eventStore, doseRecordDecider);
    const meta = { actor: { accountId: 'fixture' }, now: new Date(), correlationId: 'screens' };
    const provinces: Array<{ provinceCode: string; ageBands: Record<string, number> }> = JSON.parse(readFileSync(join(dataDir, 'population.json'), 'utf8')).provinces;
    // Each province gets a different share, so the map has something to say; doses spread over ten weeks.
    for (const [index, province] of provinces.entries()) {
      const target = province.ageBands['18+'] + province.ageBands['12-17'];
      const share = 0.15 + ((index * 37) % 80) / 100;
      const vaccinated = Math.max(1, Math.round(target * share));
      for (let n = 0; n < vaccinated; n++) {
        const subjectId = newId();
        await records.handle(immunizationStreamId(subjectId), { type: 'NoteSubjectFacts', subjectId, facts: { dateOfBirth: '1975-03-01', birthYear: 1975, provinceCode: province.provinceCode, gender: 'female' } }, meta);
        // A third of them started early enough for a booster 90 days after their second dose.
        const first = n % 3 === 2 ? -200 + ((n * 7 + index) % 40) : -70 + ((n * 7 + index) % 40);
        const doses = n % 3 === 0 ? [first] : n % 3 === 1 ? [first, first + 28] : [first, first + 28, first + 118];
        for (const [k, offset] of doses.entries()) {
          await records.handle(
            immunizationStreamId(subjectId),
            {
              type: 'RecordDose',
              subjectId,
              doseId: newId(),
              vaccineCode: 'VAXZEVRIA',
              lotNumber: 'AZ-FIX',
              administeredAt: `${vietnamDay(offset)}T09:00:00+07:00`,
              facilityId: 'fixture-facility',
              planId: null,
              doseNumber: k + 1,
              site: null,
              route: null,
              vaccinatorId: 'fixture',
              facilityLocation: { provinceCode: province.provinceCode, districtCode: null },
              catalogue,
              now: new Date(),
            },
            meta,
          );
        }
      }
    }
    const reporter = await token({ role: 'reporter' });
    const from = vietnamDay(-84);
    await eventually(async () => {
      const report = await api('GET', `/reports/coverage?from=${from}&to=${vietnamDay(0)}`, undefined, reporter);
      return report.status === 200 && report.body.people.provinces.every((p: any) => p.atLeastOneDose > 0);
    }, 60_000);

    await openAs(reporter, '/coverage');
    await page.getByRole('heading', { level: 1, name: 'Độ bao phủ tiêm chủng' }).waitFor();
    await page.getByLabel('Từ ngày', { exact: true }).fill(from);
    await page.locator('svg.tile-map').waitFor();
    await page.locator('svg.line-chart polyline').first().waitFor();
    expect(await page.locator('svg.tile-map rect[rx="4"]').count()).toBe(63);
    // The population section (map, weekly chart, table top); the dose tables below it are in 15-coverage.png.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.screenshot({ path: join(screenshots, '31-coverage-population.png'), fullPage: false });
  });
});

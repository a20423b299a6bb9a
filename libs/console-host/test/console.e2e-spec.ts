/**
 * The web console in a real browser (Debian's chromium driven by playwright-core) against the real standalone
 * app, in-process on a real port: the four services, the console built from its sources and served by
 * registerConsole. The journeys are the ones people do every day; each screen is saved to docs/screenshots/.
 *
 * Chromium missing: skipped loudly on a workstation (`apt-get install -y chromium`), a failure when CI=true.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditModule } from '@vaxledger/audit';
import { bootstrapNationalAdmin, IdentityModule, totpCodeAt } from '@vaxledger/identity';
import { ImmunizationModule } from '@vaxledger/immunization';
import { createStandaloneInfrastructure, type StandaloneInfrastructure } from '@vaxledger/infrastructure';
import type { Clock } from '@vaxledger/kernel';
import { RegistryModule } from '@vaxledger/registry';
import { createHttpApp, createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { describeWithTool } from '@vaxledger/testing';
import { registerConsole } from '../src';
import { buildConsole, chromiumTool, launchConsoleBrowser, screenshots } from './browser';


/** Authenticator codes follow this clock, which each sign-in moves on by one 30 s step (codes are single use). */
class SteppingClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  nextStep(): void {
    this.offsetMs += 30_000;
  }
}

interface Person {
  username: string;
  password: string;
  secret: string;
}

/** The product's name in reference-data/vaccines.json, as the console shows it. */
const vaxzevria = 'Vaxzevria (ChAdOx1-S recombinant, AZD1222)';

const password = (tag: string) => `Mây trắng bay ${tag} qua đồi 2021!`;

function waitVisible(locator: Locator): Promise<void> {
  return locator.first().waitFor({ state: 'visible' });
}

describeWithTool(chromiumTool, 'the web console in a browser, against the real standalone app', () => {
  jest.setTimeout(90_000);

  const clock = new SteppingClock();
  let dataDir: string;
  let consoleDir: string;
  let browserProfile: string;
  let infra: StandaloneInfrastructure;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let browser: BrowserContext;
  let page: Page;
  let nationalAdmin: Person;
  let facilityAdmin: Person;
  let personRecordPath: string;
  /** Accounts activated through the API, by username. */
  const activated = new Map<string, Person>();

  /** Whole pages; a screen with a dialog open as the viewport shows it. */
  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const button = (name: string | RegExp) =>
    page.getByRole('button', { name, exact: typeof name === 'string' });
  const field = (name: string, scope: Page | Locator = page) => scope.getByLabel(name, { exact: true });

  async function api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function apiSignIn(person: Person): Promise<string> {
    clock.nextStep();
    const login = await api('POST', '/auth/login', { username: person.username, password: person.password });
    const verified = await api('POST', '/auth/otp/verify', {
      challengeId: login.body.challengeId,
      code: totpCodeAt(person.secret, clock.now()),
    });
    if (verified.status !== 200)
      throw new Error(`sign-in of ${person.username}: ${JSON.stringify(verified.body)}`);
    return verified.body.accessToken;
  }

  function activationTokenFor(email: string): string {
    const lines = readFileSync(join(dataDir, 'outbox', 'messages.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const message = lines
      .map((line) => JSON.parse(line))
      .filter((m) => m.purpose === 'activation' && m.to === email)
      .pop();
    if (!message) throw new Error(`no activation message for ${email}`);
    return message.code;
  }

  async function apiActivate(username: string, email: string, tag: string): Promise<Person> {
    const chosen = password(tag);
    const activation = await api('POST', '/auth/activate', {
      token: activationTokenFor(email),
      password: chosen,
    });
    const secret = new URL(activation.body.otpauthUri).searchParams.get('secret')!;
    clock.nextStep();
    const confirmed = await api('POST', '/auth/totp/confirm', {
      username,
      code: totpCodeAt(secret, clock.now()),
    });
    if (confirmed.status !== 200) throw new Error(`confirm ${username}: ${JSON.stringify(confirmed.body)}`);
    const person = { username, password: chosen, secret };
    activated.set(username, person);
    return person;
  }

  async function signIn(person: Person, expectedHeading: string | RegExp = /^Xin chào/): Promise<void> {
    if (!page.url().includes('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
    await field('Tên đăng nhập').fill(person.username);
    await field('Mật khẩu').fill(person.password);
    await button('Tiếp tục').click();
    await waitVisible(heading('Nhập mã xác thực'));
    clock.nextStep();
    await field('Mã xác thực (6 số)').fill(totpCodeAt(person.secret, clock.now()));
    await button('Đăng nhập').click();
    await waitVisible(heading(expectedHeading));
  }

  async function signOut(): Promise<void> {
    await button('Đăng xuất').click();
    await waitVisible(heading('Đăng nhập'));
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-console-e2e-'));
    consoleDir = join(dataDir, 'console');

    // The console as `npm run build:console` builds it, from the current sources.
    buildConsole(consoleDir);

    const logger = createLogger({ service: 'console-e2e', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const metrics = new Metrics();
    const readiness = new ReadinessRegistry();
    infra = createStandaloneInfrastructure({
      dataDir,
      logger,
      metrics,
      readiness,
      env: { ...process.env, IDENTITY_ARGON2_MEMORY_KIB: '8192', IDENTITY_ARGON2_PASSES: '1' },
    });
    infra.services.identity.clock = clock;
    app = await createHttpApp(
      [
        IdentityModule.register(infra.services.identity),
        RegistryModule.register(infra.services.registry),
        ImmunizationModule.register(infra.services.immunization),
        AuditModule.register(infra.services.audit),
      ],
      { title: 'vaxledger (console e2e)', logger, metrics, readiness },
    );
    registerConsole(app.getHttpAdapter().getInstance(), consoleDir);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    const identity = infra.services.identity;
    const { otpauthUri } = await bootstrapNationalAdmin({
      username: 'quantri',
      password: password('quốc gia'),
      eventStore: identity.eventStore,
      lookupKey: identity.keys.lookupKey,
      clock,
      argon2: { memoryCost: 8192, timeCost: 1, parallelism: 1 },
    });
    nationalAdmin = {
      username: 'quantri',
      password: password('quốc gia'),
      secret: new URL(otpauthUri).searchParams.get('secret')!,
    };

    ({ context: browser, page, profileDir: browserProfile } = await launchConsoleBrowser({
      viewport: { width: 1280, height: 860 },
      timeoutMs: 15_000,
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await infra?.close();
    for (const dir of [dataDir, browserProfile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs a national administrator in with a password, then an authenticator code', async () => {
    await page.goto(`${baseUrl}/`);
    await waitVisible(heading('Đăng nhập'));
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await shot('01-sign-in');

    await field('Tên đăng nhập').fill(nationalAdmin.username);
    await field('Mật khẩu').fill('not the password at all');
    await button('Tiếp tục').click();
    await waitVisible(page.getByRole('alert'));
    expect(await page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');

    await field('Mật khẩu').fill(nationalAdmin.password);
    await button('Tiếp tục').click();
    await waitVisible(heading('Nhập mã xác thực'));
    await shot('02-one-time-code');
    clock.nextStep();
    await field('Mã xác thực (6 số)').fill(totpCodeAt(nationalAdmin.secret, clock.now()));
    await button('Đăng nhập').click();
    await waitVisible(heading(/^Xin chào/));
    await waitVisible(page.getByText('Quản trị quốc gia', { exact: false }));
    await shot('03-home');
  });

  it('registers a facility, appoints its administrator, who activates the account by scanning a QR code', async () => {
    await page.getByRole('link', { name: 'Tổ chức', exact: true }).first().click();
    await waitVisible(heading('Tổ chức'));
    const facilityForm = page.getByRole('form', { name: 'Đăng ký cơ sở mới' });
    await field('Mã cơ sở', facilityForm).fill('HN-BD-001');
    await field('Tên cơ sở', facilityForm).fill('Trạm Y tế phường Điện Biên');
    await field('Quận/huyện', facilityForm).selectOption('001');
    await button('Đăng ký cơ sở').click();
    await waitVisible(page.getByText('Đã đăng ký Trạm Y tế phường Điện Biên'));

    const adminForm = page.getByRole('form', { name: 'Chỉ định quản trị viên cơ sở' });
    await adminForm
      .getByRole('option', { name: /Trạm Y tế phường Điện Biên/ })
      .waitFor({ state: 'attached' });
    expect(await field('Cơ sở', adminForm).inputValue()).not.toBe('');
    await field('Họ và tên', adminForm).fill('Phạm Thị Hoa');
    await field('Chức vụ', adminForm).fill('Trưởng trạm');
    await field('Email', adminForm).fill('hoa.pham@tramyte.example.vn');
    await field('Số điện thoại', adminForm).fill('0912 000 111');
    await field('Tên đăng nhập', adminForm).fill('hoa.pham');
    await adminForm.getByRole('button', { name: 'Chỉ định' }).click();
    await waitVisible(page.getByText('mã kích hoạt đã được gửi tới hoa.pham@tramyte.example.vn'));
    await shot('04-organisation');
    await signOut();

    const token = activationTokenFor('hoa.pham@tramyte.example.vn');
    await page.goto(`${baseUrl}/activate?token=${encodeURIComponent(token)}`);
    await waitVisible(heading('Kích hoạt tài khoản'));
    expect(page.url()).toBe(`${baseUrl}/activate`);
    await field('Tên đăng nhập').fill('hoa.pham');
    await field('Mật khẩu mới').fill(password('phường Điện Biên'));
    await field('Nhập lại mật khẩu').fill(password('phường Điện Biên'));
    await button('Kích hoạt').click();
    await waitVisible(heading('Cài ứng dụng xác thực'));
    await waitVisible(page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }));
    await shot('05-activation-qr');
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await field('Tên đăng nhập').fill('hoa.pham');
    clock.nextStep();
    await field('Mã đầu tiên từ ứng dụng').fill(totpCodeAt(secret, clock.now()));
    await button('Xác nhận').click();
    await waitVisible(heading('Tài khoản đã sẵn sàng'));
    facilityAdmin = { username: 'hoa.pham', password: password('phường Điện Biên'), secret };
  });

  it('plans a session, finds nobody, registers the person and records the first dose in a few keystrokes', async () => {
    await page.getByRole('link', { name: 'Đến trang đăng nhập' }).click();
    await signIn(facilityAdmin);

    await page.getByRole('link', { name: 'Buổi tiêm', exact: true }).first().click();
    await waitVisible(heading('Buổi tiêm'));
    const planForm = page.getByRole('form', { name: 'Lập buổi tiêm mới' });
    await field('Vắc xin', planForm).selectOption('VAXZEVRIA');
    await field('Số chỗ', planForm).fill('50');
    await button('Lập buổi tiêm').click();
    await waitVisible(page.getByText(/Đã lập buổi tiêm ngày/));
    await waitVisible(page.getByRole('cell', { name: vaxzevria }));
    await shot('06-plans');

    await page.getByRole('link', { name: 'Tìm người', exact: true }).first().click();
    await waitVisible(heading('Tìm người'));
    await field('Họ và tên').fill('Nguyễn Văn An');
    await field('Số điện thoại').fill('0912 345 678');
    await button('Tìm').click();
    await waitVisible(page.getByText('Không tìm thấy ai với thông tin này.'));
    await shot('07-find-nobody');

    await button('Đăng ký người mới').click();
    await waitVisible(heading('Đăng ký người mới'));
    expect(await field('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    expect(await field('Số điện thoại').inputValue()).toBe('0912 345 678');
    expect(page.url()).toBe(`${baseUrl}/people/new`);
    await field('Ngày sinh').fill('1990-05-17');
    await field('Giới tính').selectOption('male');
    await field('Số giấy tờ').fill('001090012345');
    await field('Quận/huyện').selectOption('005');
    await field('Số nhà, đường, thôn/xóm').fill('Số 12 ngõ 34 Trần Duy Hưng');
    await shot('08-register');
    await button('Đăng ký').click();
    await waitVisible(heading('Nguyễn Văn An'));
    personRecordPath = new URL(page.url()).pathname;
    expect(personRecordPath).toMatch(/^\/people\/[0-9a-f-]{36}$/);

    // Book the person into today's session, then record the dose: vaccine, lot, Enter.
    await field('Buổi tiêm sắp tới').selectOption({ index: 1 });
    await button('Đặt lịch').click();
    await waitVisible(page.getByText(/Đã đặt lịch ngày/));
    await field('Vắc xin').selectOption('VAXZEVRIA');
    await field('Số lô').fill('abv5811');
    expect(await field('Mũi số').inputValue()).toBe('1');
    expect(await field('Buổi tiêm').inputValue()).not.toBe('');
    await field('Số lô').press('Enter');
    await waitVisible(page.getByText(`Đã ghi nhận mũi 1 — ${vaxzevria}.`));
    await waitVisible(page.getByRole('cell', { name: 'ABV5811' }));

    // A second product of the same series today breaks the minimum interval: said in words, not as a code.
    await field('Vắc xin').selectOption('COMIRNATY');
    expect(await field('Mũi số').inputValue()).toBe('2');
    await button('Ghi nhận mũi tiêm').click();
    await waitVisible(page.getByRole('alert'));
    const refusal = await page.getByRole('alert').textContent();
    expect(refusal).toContain('Chưa đủ khoảng cách giữa hai mũi: mũi 2 phải cách mũi 1');
    expect(refusal).toContain('ít nhất 28 ngày');
    expect(refusal).not.toContain('dose_interval_too_short');
    await shot('09-dose-schedule-error');
  });

  it('shows who was booked and who came, then voids a dose with a reason and strikes it through', async () => {
    await page.getByRole('link', { name: 'Buổi tiêm', exact: true }).first().click();
    await page.getByRole('table').getByRole('link').first().click();
    await waitVisible(
      heading(new RegExp(`^Buổi tiêm \\d{2}/\\d{2}/\\d{4} — ${vaxzevria.replace(/[()]/g, '\\$&')}$`)),
    );
    await waitVisible(page.getByRole('cell', { name: 'Đã tiêm' }));
    await waitVisible(page.getByRole('link', { name: /Nguyễn Văn An \(1990\)/ }));
    await shot('10-session-attendance');

    await page.getByRole('link', { name: /Nguyễn Văn An/ }).click();
    await waitVisible(heading('Nguyễn Văn An'));
    await page.getByRole('button', { name: 'Hủy mũi tiêm Mũi 1' }).click();
    const dialog = page.getByRole('dialog');
    await waitVisible(dialog);
    await field('Lý do', dialog).fill('Nhập nhầm số lô và giờ tiêm');
    await dialog.getByRole('button', { name: 'Hủy mũi tiêm' }).click();
    await waitVisible(page.getByText('Đã hủy (nhập nhầm): Nhập nhầm số lô và giờ tiêm'));
    expect(await page.locator('tr.voided del').first().textContent()).toBe('1');

    // The voided dose frees its number: the dose is recorded again, and the remembered vaccine and lot are kept.
    await field('Vắc xin').selectOption('VAXZEVRIA');
    expect(await field('Số lô').inputValue()).toBe('ABV5811');
    await field('Số lô').fill('ABV5900');
    await button('Ghi nhận mũi tiêm').click();
    await waitVisible(page.getByText(`Đã ghi nhận mũi 1 — ${vaxzevria}.`));
    await waitVisible(page.getByRole('cell', { name: 'ABV5900' }));
    await shot('11-person-record');
  });

  it('sends a staff list from the facility, which the province administrator approves', async () => {
    await page.getByRole('link', { name: 'Đề nghị cấp tài khoản', exact: true }).first().click();
    await waitVisible(heading('Đề nghị cấp tài khoản cho nhân viên'));
    const member = page.getByRole('group', { name: 'Nhân viên 1' });
    await field('Họ và tên', member).fill('Lê Thị Lan');
    await field('Khoa/phòng', member).fill('Tiêm chủng');
    await field('Chức vụ', member).fill('Điều dưỡng');
    await field('Email', member).fill('lan.le@tramyte.example.vn');
    await field('Số điện thoại', member).fill('0912 000 222');
    await field('Tên đăng nhập', member).fill('lan.le');
    await member.getByLabel('Quản lý đối tượng').check();
    await button('Gửi đề nghị').click();
    await waitVisible(page.getByText('Đã gửi đề nghị cho 1 người.'));
    await waitVisible(page.getByText('Chờ duyệt').first());
    await shot('12-staff-request');
    await signOut();

    // The province administrator is appointed by the national one (setup through the API).
    const national = await apiSignIn(nationalAdmin);
    const appointed = await api(
      'POST',
      '/provinces/01/admins',
      {
        fullName: 'Trần Văn Bình',
        gender: 'male',
        position: 'Phó phòng Nghiệp vụ Y',
        email: 'binh.tran@soyte.example.vn',
        phone: '0912 000 333',
        username: 'binh.tran',
      },
      national,
    );
    expect(appointed.status).toBe(201);
    const provinceAdmin = await apiActivate('binh.tran', 'binh.tran@soyte.example.vn', 'Sở Y tế');

    await signIn(provinceAdmin);
    await page.getByRole('link', { name: 'Duyệt tài khoản', exact: true }).first().click();
    await waitVisible(heading('Duyệt và rà soát tài khoản'));
    await waitVisible(page.getByRole('cell', { name: 'lan.le' }));
    await shot('13-province-review');
    await button('Duyệt tất cả (1)').click();
    await waitVisible(page.getByText('Đã cấp 1 tài khoản; mã kích hoạt đã được gửi.'));
    expect(activationTokenFor('lan.le@tramyte.example.vn')).toBeTruthy();

    await page.getByRole('link', { name: 'Nhật ký kiểm toán', exact: true }).first().click();
    await waitVisible(heading('Nhật ký kiểm toán'));
    // The trail takes in sign-ins from the bus: search again until this province's show up.
    for (let attempt = 0; ; attempt++) {
      await button('Tìm trong nhật ký').click();
      await waitVisible(page.getByRole('table'));
      if ((await page.getByRole('cell', { name: 'Đăng nhập' }).count()) > 0) break;
      if (attempt === 20) throw new Error('no sign-in reached the audit trail');
      await page.waitForTimeout(250);
    }
    await shot('14-audit');

    await page.getByRole('link', { name: 'Độ bao phủ', exact: true }).first().click();
    await waitVisible(heading('Độ bao phủ tiêm chủng'));
    await waitVisible(page.locator('svg.bar-chart'));
    await waitVisible(page.getByRole('cell', { name: vaxzevria }));
    await shot('15-coverage');
    await signOut();
  });

  it('asks a nurse of another facility for a fresh code, and says why, before changing a date of birth', async () => {
    const national = await apiSignIn(nationalAdmin);
    const facility = await api(
      'POST',
      '/facilities',
      { code: 'HN-BD-002', name: 'Trạm Y tế phường Ngọc Hà', provinceCode: '01', districtCode: '001' },
      national,
    );
    expect(facility.status).toBe(201);
    const appointed = await api(
      'POST',
      `/facilities/${facility.body.facilityId}/admins`,
      {
        fullName: 'Đỗ Minh Châu',
        gender: 'female',
        position: 'Trưởng trạm',
        email: 'chau.do@ngocha.example.vn',
        phone: '0912 000 444',
        username: 'chau.do',
      },
      national,
    );
    expect(appointed.status).toBe(201);
    const otherFacilityAdmin = await apiActivate('chau.do', 'chau.do@ngocha.example.vn', 'Ngọc Hà');

    await signIn(otherFacilityAdmin);
    await page.getByRole('link', { name: 'Tìm người', exact: true }).first().click();
    await page.getByLabel('Họ tên + số giấy tờ tùy thân').check();
    await field('Họ và tên').fill('NGUYEN VAN AN');
    await field('Số giấy tờ').fill('001090012345');
    await button('Tìm').click();
    await waitVisible(page.getByRole('cell', { name: /\*+345/ }));
    await shot('16-find-masked-results');

    await page.getByRole('link', { name: 'Nguyễn Văn An' }).click();
    // Another facility's record opens only once the nurse has said why (kept in the audit trail).
    await waitVisible(heading('Hồ sơ của cơ sở khác'));
    await field('Lý do mở hồ sơ').selectOption('correction');
    await button('Mở hồ sơ').click();
    await waitVisible(heading('Nguyễn Văn An'));
    await button('Sửa thông tin').click();
    const edit = page.getByRole('dialog', { name: /Sửa thông tin của Nguyễn Văn An/ });
    await waitVisible(edit);
    await field('Ngày sinh', edit).fill('1990-05-18');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();

    const stepUp = page.getByRole('dialog', { name: 'Xác thực lại để sửa thông tin nhạy cảm' });
    await waitVisible(stepUp);
    expect(await stepUp.textContent()).toContain(
      'Bạn đang sửa ngày sinh của một người do cơ sở khác tạo và quản lý.',
    );
    await shot('17-step-up', false);
    clock.nextStep();
    await field('Mã xác thực mới (6 số)', stepUp).fill(totpCodeAt(otherFacilityAdmin.secret, clock.now()));
    await stepUp.getByRole('button', { name: 'Xác nhận và lưu' }).click();
    await waitVisible(page.getByText('Đã lưu thay đổi.'));
    await waitVisible(page.getByText('18/05/1990').first());
    const lastChange = page.getByRole('table').last().getByRole('row').last();
    expect(await lastChange.textContent()).toContain('Ngày sinh');
    expect(await lastChange.textContent()).toContain('Có');
    await shot('18-record-after-step-up');
  });

  it('sends a nurse whose session ended back to sign in, then to the same page', async () => {
    const tokens = JSON.parse(await page.evaluate<string>('sessionStorage.getItem("vaxledger.session")'));
    // The session ends elsewhere (e.g. "end session" from another device): both its tokens stop working.
    const ended = await fetch(`${baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(ended.status).toBe(204);

    // Reopening the record asks the API, which refuses the ended session; renewing it fails too.
    await page.reload();
    await waitVisible(heading('Đăng nhập'));
    expect(new URL(page.url()).searchParams.get('next')).toBe(personRecordPath);
    await waitVisible(page.getByText('Phiên làm việc đã hết hạn.', { exact: false }));

    // A new session says again why it opens another facility's record.
    await signIn(activated.get('chau.do')!, 'Hồ sơ của cơ sở khác');
    expect(new URL(page.url()).pathname).toBe(personRecordPath);
    await field('Lý do mở hồ sơ').selectOption('correction');
    await button('Mở hồ sơ').click();
    await waitVisible(heading('Nguyễn Văn An'));
  });

  it('switches to English and back, remembering the choice', async () => {
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await waitVisible(page.getByRole('heading', { name: 'Dose history' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'My account', exact: true }).first().click();
    await waitVisible(heading('My account'));
    await waitVisible(page.getByRole('cell', { name: 'Success' }).first());
    await shot('19-my-account-english');
    await page.reload();
    await waitVisible(heading('My account'));
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
    await waitVisible(heading('Tài khoản của tôi'));
  });

  it("resets a facility administrator's password from the review screen; the code from the message sets a new one", async () => {
    // My account lists sessions with their own sign-out buttons: the header's is the one.
    await page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' }).click();
    await waitVisible(heading('Đăng nhập'));
    await signIn(activated.get('binh.tran')!);
    await page.getByRole('link', { name: 'Duyệt tài khoản', exact: true }).first().click();
    await waitVisible(heading('Duyệt và rà soát tài khoản'));
    await button(`Đặt lại mật khẩu ${facilityAdmin.username}`).click();
    const dialog = page.getByRole('dialog', { name: 'Đặt lại mật khẩu của Phạm Thị Hoa?' });
    await waitVisible(dialog);
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu', exact: true }).click();
    await waitVisible(page.getByText('Đã đặt lại mật khẩu của Phạm Thị Hoa', { exact: false }));
    await signOut();

    const message = readFileSync(join(dataDir, 'outbox', 'messages.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((m) => m.purpose === 'password_reset' && m.to === 'hoa.pham@tramyte.example.vn')
      .pop();
    expect(message).toBeTruthy();
    await page.getByRole('link', { name: 'Quản trị viên đã đặt lại mật khẩu của bạn? Chọn mật khẩu mới' }).click();
    await waitVisible(heading('Đặt mật khẩu mới'));
    await field('Mã đặt lại mật khẩu').fill(message.code);
    const chosen = password('đặt lại ở trạm');
    await field('Mật khẩu mới').fill(chosen);
    await field('Nhập lại mật khẩu').fill(chosen);
    await button('Đặt mật khẩu').click();
    await waitVisible(heading('Đã đặt mật khẩu mới'));
    expect(page.url()).toBe(`${baseUrl}/reset-password`);

    // The same code a second time is refused in words.
    await page.reload();
    await field('Mã đặt lại mật khẩu').fill(message.code);
    await field('Mật khẩu mới').fill(password('lần thứ hai'));
    await field('Nhập lại mật khẩu').fill(password('lần thứ hai'));
    await button('Đặt mật khẩu').click();
    await waitVisible(page.getByRole('alert'));
    expect(await page.getByRole('alert').textContent()).toContain('Mã đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn');

    await page.goto(`${baseUrl}/sign-in`);
    await field('Tên đăng nhập').fill(facilityAdmin.username);
    await field('Mật khẩu').fill(facilityAdmin.password);
    await button('Tiếp tục').click();
    await waitVisible(page.getByRole('alert'));
    expect(await page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    facilityAdmin = { ...facilityAdmin, password: chosen };
    await signIn(facilityAdmin);
  });
});

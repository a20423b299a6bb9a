/**
 * A citizen's own record and the offline certificate verifier in a real browser (Debian's chromium through
 * playwright-core) against the real standalone app with its certificates module, in-process on a real port.
 * The citizen's code comes from the outbox file; the verifier reads a QR code from a picture and from a camera
 * (chromium's fake capture device playing a video of the QR code) and checks it with the network to the API
 * cut. Saves docs/screenshots/40-citizen-code.png, 41-citizen-record.png, 42-verifier-valid.png and
 * 43-verifier-refused.png.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decode as base45Decode, encode as base45Encode } from 'base45';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { AuditModule } from '@vaxledger/audit';
import { type Principal, signAccessToken } from '@vaxledger/auth';
import { CertificatesModule } from '@vaxledger/certificates';
import { IdentityModule } from '@vaxledger/identity';
import { ImmunizationModule } from '@vaxledger/immunization';
import { createStandaloneInfrastructure, type StandaloneInfrastructure } from '@vaxledger/infrastructure';
import { newId, newOpaqueId } from '@vaxledger/kernel';
import { RegistryModule, RegistrySubjectContacts } from '@vaxledger/registry';
import { createHttpApp, createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';
import { describeWithTool, eventually } from '@vaxledger/testing';
import { type BrowserContext, type Page, type Request } from 'playwright-core';
import { registerConsole } from '../src';
import { buildConsole, chromiumTool, launchConsoleBrowser, screenshots } from './browser';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

interface Issued {
  subjectId: string;
  doseId: string;
  idNumber: string;
  phone: string;
  certificate: { certificateId: string; uvci: string; hc1: string; qrPng: string };
}

/** A YUV4MPEG2 video (what chromium's fake camera plays) of one still frame showing `text` as a QR code. */
function qrVideo(text: string, path: string): void {
  const width = 640;
  const height = 480;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  const scale = Math.floor(Math.min(width, height) / (modules.size + 8));
  const left = Math.floor((width - modules.size * scale) / 2);
  const top = Math.floor((height - modules.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++)
    for (let x = 0; x < modules.size * scale; x++)
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

describeWithTool(chromiumTool, 'a citizen’s own record and the offline verifier in a browser', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let browserProfile: string;
  let infra: StandaloneInfrastructure;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let browser: BrowserContext;
  let page: Page;
  let staff: string;
  const facilityId = newId();
  let citizen: Issued;
  let scanned: Issued;
  let corrected: Issued;
  let reissuedHc1: string;

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const shot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  async function api(method: string, path: string, body?: unknown, bearer?: string) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

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

  async function personWithCertificate(fullName: string, vaccineCode: string, date: string): Promise<Issued> {
    const idNumber = `0${digits(11)}`;
    const phone = `+8491${digits(7)}`;
    const created = await api(
      'POST',
      '/subjects',
      {
        fullName,
        dateOfBirth: '1992-07-21',
        gender: 'female',
        idDocument: { type: 'CCCD', number: idNumber },
        phone,
        address: { provinceCode: '79', districtCode: '769', line: 'Số 9 đường Lê Văn Việt' },
      },
      staff,
    );
    expect(created.status).toBe(201);
    const subjectId = created.body.subjectId as string;
    const dose = await eventually(async () => {
      const r = await api(
        'POST',
        `/subjects/${subjectId}/doses`,
        { vaccineCode, lotNumber: `MD${digits(4)}`, administeredAt: `${date}T08:00:00+07:00`, facilityId, site: 'LD' },
        staff,
      );
      return r.status === 201 ? r : null;
    }, 10_000);
    const issued = await api('POST', `/subjects/${subjectId}/certificates`, {}, staff);
    expect(issued.status).toBe(201);
    return { subjectId, doseId: dose.body.doseId, idNumber, phone, certificate: issued.body };
  }

  const outbox = () => {
    const path = join(dataDir, 'outbox', 'messages.jsonl');
    return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  };

  /** Everything the page keeps in the browser's storage, as one text. */
  const storedInBrowser = () =>
    page.evaluate(() => {
      const browser = globalThis as any;
      const dump = (storage: any) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`).join('\n');
      return `${dump(browser.localStorage)}\n${dump(browser.sessionStorage)}\n${JSON.stringify(browser.history.state)}`;
    });

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-citizen-screens-'));
    const consoleDir = join(dataDir, 'console');
    buildConsole(consoleDir);

    const logger = createLogger({ service: 'citizen-screens', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const readiness = new ReadinessRegistry();
    infra = createStandaloneInfrastructure({ dataDir, logger, metrics: new Metrics(), readiness, env: { ...process.env, REMINDERS_ENABLED: 'false' } });
    app = await createHttpApp(
      [
        IdentityModule.register(infra.services.identity),
        RegistryModule.register(infra.services.registry),
        ImmunizationModule.register(infra.services.immunization, { subjectContacts: new RegistrySubjectContacts(infra.services.registry) }),
        CertificatesModule.standalone(infra.services),
        AuditModule.register(infra.services.audit),
      ],
      { title: 'vaxledger (citizen screens)', logger, metrics: new Metrics(), readiness },
    );
    registerConsole(app.getHttpAdapter().getInstance(), consoleDir);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    staff = await token({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });

    citizen = await personWithCertificate('Ngô Quỳnh Ánh', 'SPIKEVAX', '2021-08-30');
    scanned = await personWithCertificate('Lê Thị Bích Ngọc', 'COMIRNATY', '2021-09-10');
    corrected = await personWithCertificate('Đặng Văn Lâm', 'VAXZEVRIA', '2021-07-05');
    const correction = await api(
      'POST',
      `/subjects/${corrected.subjectId}/doses/${corrected.doseId}/correct`,
      { administeredAt: '2021-07-06T08:00:00+07:00', reason: 'Ngày tiêm nhập sai' },
      staff,
    );
    expect(correction.status).toBe(200);
    await eventually(async () => (await api('POST', '/certificates/verify', { hc1: corrected.certificate.hc1 })).body.reason === 'revoked', 10_000);
    reissuedHc1 = await eventually(async () => {
      const items = (await api('GET', `/subjects/${corrected.subjectId}/certificates`, undefined, staff)).body.items as any[];
      return items.find((c) => c.status === 'valid')?.hc1 as string | undefined;
    }, 10_000);

    const video = join(dataDir, 'qr-camera.y4m');
    qrVideo(scanned.certificate.hc1, video);
    ({ context: browser, page, profileDir: browserProfile } = await launchConsoleBrowser({
      viewport: { width: 1280, height: 900 },
      timeoutMs: 20_000,
      args: [
        // A camera that plays the QR video, allowed without the permission prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await infra?.close();
    for (const dir of [dataDir, browserProfile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a citizen their doses and certificate QR after the code from the outbox, keeping nothing in the address or storage', async () => {
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Người dân: xem hồ sơ tiêm chủng của tôi' }).click();
    await heading('Hồ sơ tiêm chủng của tôi').waitFor();
    await field('Họ và tên').fill('Ngô Quỳnh Ánh');
    await field('Số giấy tờ tùy thân (CCCD, CMND hoặc hộ chiếu)').fill(citizen.idNumber);
    const before = outbox().length;
    await button('Gửi mã').click();
    await heading('Nhập mã đã gửi tới điện thoại').waitFor();
    await page.getByText(`•${citizen.phone.slice(-2)}`, { exact: false }).waitFor();
    await shot('40-citizen-code');
    const sent = outbox().slice(before);
    expect(sent).toEqual([expect.objectContaining({ to: citizen.phone, purpose: 'citizen_otp', code: expect.stringMatching(/^\d{6}$/) })]);
    // Before the code, the page knows nothing of the person but the masked phone hint.
    const beforeCode = (await page.locator('main').textContent()) ?? '';
    expect(beforeCode).not.toContain('1992');
    expect(beforeCode).not.toContain('SPIKEVAX');
    expect(beforeCode).not.toContain(citizen.idNumber);

    const wrong = sent[0].code === '000000' ? '111111' : '000000';
    await field('Mã xác nhận (6 số)').fill(wrong);
    await button('Xem hồ sơ').click();
    await page.getByRole('alert').filter({ hasText: 'Mã xác nhận không đúng hoặc đã hết hạn.' }).waitFor();
    await field('Mã xác nhận (6 số)').fill(sent[0].code);
    await button('Xem hồ sơ').click();
    await heading('Hồ sơ tiêm chủng của Ngô Quỳnh Ánh').waitFor();
    await page.getByRole('cell', { name: /Spikevax/i }).waitFor();
    expect(await page.getByRole('cell', { name: '30/08/2021' }).count()).toBe(1);
    await page.getByRole('heading', { name: 'Chứng nhận còn hiệu lực' }).waitFor();
    await page.getByText(citizen.certificate.uvci).waitFor();
    await shot('41-citizen-record');

    // The QR on the page is the certificate, readable by a scanner.
    const qr = PNG.sync.read(await page.getByRole('img', { name: 'Mã QR chứng nhận tiêm chủng (EU DCC)' }).screenshot());
    expect(jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data).toBe(citizen.certificate.hc1);

    // Nothing personal in an address or in storage; the citizen token only in the record request's header.
    expect(page.url()).toBe(`${baseUrl}/my-record`);
    for (const request of requests) {
      expect(request.url()).not.toContain(citizen.idNumber);
      expect(decodeURIComponent(request.url())).not.toContain('Ngô');
    }
    const recordRequest = requests.find((r) => r.url().endsWith('/api/v1/citizen/record'))!;
    const citizenToken = (await recordRequest.allHeaders()).authorization.replace(/^Bearer /, '');
    const stored = await storedInBrowser();
    for (const secret of [citizenToken, citizen.idNumber, 'Ngô Quỳnh Ánh', citizen.certificate.uvci, sent[0].code]) expect(stored).not.toContain(secret);
    page.removeAllListeners('request');

    // Finishing forgets the record; a reload does not bring it back.
    await button('Kết thúc').click();
    await page.getByText('Phiên xem hồ sơ đã kết thúc.').waitFor();
    await page.reload();
    await heading('Hồ sơ tiêm chủng của tôi').waitFor();
    expect(await page.getByText('Ngô Quỳnh Ánh').count()).toBe(0);
  });

  it('fills its cache once, then reads a QR picture and refuses revoked and altered certificates with the API cut off', async () => {
    // The strict Content-Security-Policy (no eval) holds for the CBOR decoder too: violations are collected.
    await page.addInitScript(() => {
      const browser = globalThis as any;
      browser.cspViolations = [];
      browser.document.addEventListener('securitypolicyviolation', (event: any) => browser.cspViolations.push(event.violatedDirective));
    });
    await page.goto(`${baseUrl}/verify`);
    await heading('Kiểm tra chứng nhận tiêm chủng').waitFor();
    await page.getByTestId('verifier-material').waitFor();
    expect(await page.getByTestId('verifier-material').textContent()).toContain('danh sách thu hồi (1 chứng nhận');

    // From here on, any call to the API fails and is counted.
    const apiCalls: string[] = [];
    await page.route('**/api/**', (route) => {
      apiCalls.push(route.request().url());
      return route.abort();
    });

    await page.setInputFiles('#verifier-picture', { name: 'qr.png', mimeType: 'image/png', buffer: Buffer.from(citizen.certificate.qrPng, 'base64') });
    const validPanel = page.getByRole('status').filter({ hasText: 'HỢP LỆ' });
    await validPanel.waitFor();
    expect(await validPanel.textContent()).toContain('Ngô Quỳnh Ánh');
    expect(await validPanel.textContent()).toContain('21/07/1992');
    expect(await validPanel.textContent()).toContain('Spikevax (Moderna)');
    await shot('42-verifier-valid');

    const text = page.getByLabel('Nội dung mã', { exact: true });
    await text.fill(corrected.certificate.hc1);
    await button('Kiểm tra').click();
    await page.getByRole('alert').filter({ hasText: 'Chứng nhận đã bị thu hồi.' }).waitFor();
    await text.fill(reissuedHc1);
    await button('Kiểm tra').click();
    await page.getByRole('status').filter({ hasText: 'Đặng Văn Lâm' }).waitFor();

    const cose = inflateSync(base45Decode(citizen.certificate.hc1.slice(4)));
    const at = cose.indexOf(Buffer.from('NGO'));
    Buffer.from('NGA').copy(cose, at);
    await text.fill(`HC1:${base45Encode(deflateSync(cose))}`);
    await button('Kiểm tra').click();
    const refused = page.getByRole('alert').filter({ hasText: 'KHÔNG HỢP LỆ' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Chữ ký không đúng: nội dung chứng nhận đã bị thay đổi hoặc bị giả mạo.');
    await shot('43-verifier-refused');

    await text.fill('https://example.com/not-a-certificate');
    await button('Kiểm tra').click();
    await page.getByRole('alert').filter({ hasText: 'không bắt đầu bằng HC1:' }).waitFor();

    // A reload still checks: the lists come from the device, and say so in English too.
    await page.reload();
    await page.getByTestId('verifier-material').waitFor();
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await heading('Check a vaccination certificate').waitFor();
    await page.getByLabel('Code text', { exact: true }).fill(corrected.certificate.hc1);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The certificate has been revoked.' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
    expect(apiCalls).toEqual([]);
    expect(await page.evaluate(() => (globalThis as any).cspViolations)).toEqual([]);
    await page.unroute('**/api/**');
  });

  it('scans a certificate QR code with the camera', async () => {
    await page.goto(`${baseUrl}/verify`);
    await page.getByTestId('verifier-material').waitFor();
    await button('Quét bằng camera').click();
    const panel = page.getByRole('status').filter({ hasText: 'HỢP LỆ' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Lê Thị Bích Ngọc');
    expect(await page.getByLabel('Nội dung mã', { exact: true }).inputValue()).toBe(scanned.certificate.hc1);
    // The camera is released once the code is read.
    expect(await page.locator('video.camera').isHidden()).toBe(true);
  });
});

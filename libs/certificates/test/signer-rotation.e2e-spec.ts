/**
 * Rotating the document signer (standalone app, restarted on the same data directory): certificates are signed
 * by the new signer from then on, those signed before keep verifying while the old signer's certificate is
 * valid, and the trust list serves both, then drops the old one when it expires.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { createSignerFiles, loadSigners, signerFiles } from '../src/document-signer-store';
import { TrustListHandler } from '../src/trust-list/trust-list.handler';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

describe('rotating the document signer', () => {
  const facilityId = newId();
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-signer-rotation-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function personWithCertificate(app: StandaloneTestApp): Promise<{ hc1: string }> {
    const token = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });
    const registered = await app.request('POST', '/api/v1/subjects', {
      token,
      body: {
        fullName: 'Trần Thị Thu Hà',
        dateOfBirth: '1990-04-12',
        gender: 'female',
        idDocument: { type: 'CCCD', number: `0${digits(11)}` },
        phone: `090${digits(7)}`,
        address: { provinceCode: '79', districtCode: '769', line: 'Số 8 đường Lê Văn Việt' },
      },
    });
    expect(registered.status).toBe(201);
    const subjectId = registered.body.subjectId as string;
    const dose = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
      token,
      body: { vaccineCode: 'COMIRNATY', lotNumber: 'FK5127', administeredAt: '2021-09-01T09:30:00+07:00', facilityId, site: 'LD' },
    });
    expect(dose.status).toBe(201);
    const issued = await eventually(async () => {
      const response = await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token, body: {} });
      return response.status === 201 ? response : undefined;
    }, 10_000);
    return { hc1: issued.body.hc1 as string };
  }

  const trustedKids = async (app: StandaloneTestApp) =>
    ((await app.request('GET', '/api/v1/certificates/trust-list')).body.keys as Array<{ kid: string }>).map((key) => key.kid);
  const verify = async (app: StandaloneTestApp, hc1: string) => (await app.request('POST', '/api/v1/certificates/verify', { body: { hc1 } })).body;

  it('signs with the new signer after a rotation and keeps verifying what the old one signed', async () => {
    const before = await StandaloneTestApp.start({ dataDir });
    let oldCertificate: { hc1: string };
    let oldKid: string;
    try {
      oldCertificate = await personWithCertificate(before);
      const kids = await trustedKids(before);
      expect(kids).toHaveLength(1);
      oldKid = kids[0];
      expect((await verify(before, oldCertificate.hc1)).valid).toBe(true);
    } finally {
      await before.close({ keepData: true });
    }

    const rotated = await createSignerFiles(dataDir, { now: new Date(), validDays: 730, force: true });
    expect(rotated.kid).not.toBe(oldKid);
    // The replaced key is gone; only its certificate stays, for the trust list.
    expect(readdirSync(signerFiles(dataDir).previous)).toHaveLength(1);

    const after = await StandaloneTestApp.start({ dataDir });
    try {
      expect(await trustedKids(after)).toEqual([rotated.kid, oldKid]);
      const old = await verify(after, oldCertificate.hc1);
      expect(old).toMatchObject({ valid: true });
      const fresh = await personWithCertificate(after);
      const verdict = await verify(after, fresh.hc1);
      expect(verdict.valid).toBe(true);
      const revocations = (await after.request('GET', '/api/v1/certificates/revocations')).body;
      expect(revocations.payload.kid).toBe(rotated.kid);
    } finally {
      await after.close({ keepData: true });
    }
  }, 120_000);

  it('drops a replaced signer from the trust list once its certificate has expired', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaxledger-signer-expiry-'));
    try {
      const now = new Date();
      const first = await createSignerFiles(dir, { now, validDays: 1 });
      const second = await createSignerFiles(dir, { now, validDays: 730, force: true });
      expect(existsSync(signerFiles(dir).key)).toBe(true);
      const signers = await loadSigners({}, dir, now);
      expect(signers.previous.map((s) => s.kid)).toEqual([first.kid]);
      const at = (time: Date) => new TrustListHandler(signers, { now: () => time }).execute().keys.map((key) => key.kid);
      expect(at(now)).toEqual([second.kid, first.kid]);
      expect(at(new Date(now.getTime() + 2 * 86_400_000))).toEqual([second.kid]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the previous signers of a distributed deployment from DCC_PREVIOUS_SIGNING_CERTIFICATES', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaxledger-signer-env-'));
    try {
      const now = new Date();
      const first = await createSignerFiles(dir, { now, validDays: 30 });
      const second = await createSignerFiles(dir, { now, validDays: 30, force: true });
      const previousPem = readFileSync(join(signerFiles(dir).previous, readdirSync(signerFiles(dir).previous)[0]), 'utf8');
      const settings = {
        DCC_SIGNING_KEY: readFileSync(signerFiles(dir).key, 'utf8').trim().replace(/\n/g, '\\n'),
        DCC_SIGNING_CERTIFICATE: readFileSync(signerFiles(dir).certificate, 'utf8').trim().replace(/\n/g, '\\n'),
        DCC_PREVIOUS_SIGNING_CERTIFICATES: previousPem.trim().replace(/\n/g, '\\n'),
      };
      const signers = await loadSigners(settings, undefined, now);
      expect(signers.current.kid).toBe(second.kid);
      expect(signers.previous.map((s) => s.kid)).toEqual([first.kid]);
      await expect(loadSigners({ ...settings, DCC_PREVIOUS_SIGNING_CERTIFICATES: 'not a certificate' }, undefined, now)).rejects.toThrow(
        /DCC_PREVIOUS_SIGNING_CERTIFICATES holds no PEM certificate/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The console's offline verifier (apps/console/src/certificates) against certificates issued by the real
 * standalone app: the trust list and the signed revocation list are fetched once, then every verdict is
 * reached with no server call (fetch is made to fail) and agrees with the services' own verifier. The
 * browser code runs here on Node's WebCrypto, Blob and DecompressionStream, the same APIs a browser has.
 */
import { randomInt, X509Certificate } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { decode as base45Decode, encode as base45Encode } from 'base45';
import { Encoder, Tag } from 'cbor-x';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { uvciRevocationHash as serverRevocationHash } from '../../certificates/src/domain/hcert-verifier';
import { verifyOffline, uvciRevocationHash, type OfflineVerdict } from '../../../apps/console/src/certificates/offline-verifier';
import { readSignerCertificate } from '../../../apps/console/src/certificates/signer-certificate';
import {
  fetchVerificationMaterial,
  loadMaterial,
  MaterialRefused,
  saveMaterial,
  type VerificationMaterial,
} from '../../../apps/console/src/certificates/verification-material';

const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');
const dayMs = 86_400_000;

/** A Storage with nothing but the three calls the cache uses. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** Re-wraps an HC1 text after `change` edits its inflated COSE bytes (the signature is left as it was). */
function tamper(hc1: string, change: (cose: Buffer) => Buffer): string {
  const cose = inflateSync(base45Decode(hc1.slice(4)));
  return `HC1:${base45Encode(deflateSync(change(Buffer.from(cose))))}`;
}

function replaceOnce(bytes: Buffer, from: string, to: string): Buffer {
  const at = bytes.indexOf(Buffer.from(from, 'utf8'));
  if (at < 0) throw new Error(`${from} not in the certificate`);
  const copy = Buffer.from(bytes);
  Buffer.from(to, 'utf8').copy(copy, at);
  return copy;
}

describe('the console verifies certificates offline (real standalone app)', () => {
  let app: StandaloneTestApp;
  let staff: string;
  const facilityId = newId();
  let material: VerificationMaterial;
  const serverReads: string[] = [];
  const realFetch = globalThis.fetch;
  const fetchCalls: string[] = [];

  async function personWithCertificate(fullName: string, doseDates: string[]) {
    const created = await app.request('POST', '/api/v1/subjects', {
      token: staff,
      body: {
        fullName,
        dateOfBirth: '1990-02-14',
        gender: 'male',
        idDocument: { type: 'CCCD', number: `0${digits(11)}` },
        phone: `+8490${digits(7)}`,
        address: { provinceCode: '79', districtCode: '769', line: 'Số 1 đường Võ Văn Ngân' },
      },
    });
    expect(created.status).toBe(201);
    const subjectId = created.body.subjectId as string;
    const doseIds: string[] = [];
    for (const date of doseDates) {
      const recorded = await eventually(async () => {
        const r = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
          token: staff,
          body: { vaccineCode: 'COMIRNATY', lotNumber: `FK${digits(4)}`, administeredAt: `${date}T09:00:00+07:00`, facilityId, site: 'LD' },
        });
        return r.status === 201 ? r : null;
      }, 10_000);
      doseIds.push(recorded.body.doseId);
    }
    const issued = await app.request('POST', `/api/v1/subjects/${subjectId}/certificates`, { token: staff, body: {} });
    expect(issued.status).toBe(201);
    return { subjectId, doseIds, certificate: issued.body as { hc1: string; uvci: string; issuedAt: string; expiresAt: string; qrPng: string } };
  }

  const serverVerdict = async (hc1: string) => (await app.request('POST', '/api/v1/certificates/verify', { body: { hc1 } })).body;

  let valid: { hc1: string; uvci: string; expiresAt: string };
  let replaced: { hc1: string; uvci: string };
  let reissued: { hc1: string; uvci: string };
  let tamperedName: string;
  const malformed: Record<string, string> = {};
  const serverSays = new Map<string, { valid: boolean; reason?: string }>();

  beforeAll(async () => {
    app = await StandaloneTestApp.start();
    staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'dose_history_update', 'subject_management'] });

    valid = (await personWithCertificate('Nguyễn Văn Ân', ['2021-09-01', '2021-10-15'])).certificate;
    const corrected = await personWithCertificate('Trần Thị Hường', ['2021-09-02']);
    replaced = corrected.certificate;
    const correction = await app.request('POST', `/api/v1/subjects/${corrected.subjectId}/doses/${corrected.doseIds[0]}/correct`, {
      token: staff,
      body: { administeredAt: '2021-09-03T09:00:00+07:00', reason: 'Ngày tiêm nhập sai' },
    });
    expect(correction.status).toBe(200);
    reissued = await eventually(async () => {
      const items = (await app.request('GET', `/api/v1/subjects/${corrected.subjectId}/certificates`, { token: staff })).body.items as any[];
      return items.length === 2 ? items.find((c) => c.status === 'valid') : null;
    }, 10_000);
    await eventually(async () => (await serverVerdict(replaced.hc1)).reason === 'revoked', 10_000);

    tamperedName = tamper(valid.hc1, (cose) => replaceOnce(cose, 'NGUYEN', 'NGUYEM'));
    const kid = Buffer.from((await app.request('GET', '/api/v1/certificates/trust-list')).body.keys[0].kid, 'base64');
    const cbor = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false });
    const protectedHeader = cbor.encode(new Map<number, unknown>([[1, -7], [4, kid]]));
    malformed.prefix_invalid = valid.hc1.replace(/^HC1:/, 'HC2:');
    malformed.base45_invalid = `HC1:${valid.hc1.slice(4, 40).toLowerCase()}`;
    malformed.compression_invalid = `HC1:${base45Encode(Buffer.from([0x78, 0x9c, 0x01, 0x02, 0x03, 0x04, 0x05]))}`;
    malformed.cose_invalid = `HC1:${base45Encode(deflateSync(cbor.encode(['not', 'a', 'COSE'])))}`;
    malformed.cwt_invalid = `HC1:${base45Encode(deflateSync(cbor.encode(new Tag([protectedHeader, new Map(), cbor.encode(new Map([[1, 'VN']])), Buffer.alloc(64)], 18))))}`;

    // What the services' own verifier says about each text, asked before the device goes offline.
    for (const text of [valid.hc1, replaced.hc1, reissued.hc1, tamperedName, ...Object.values(malformed)]) {
      serverSays.set(text, await serverVerdict(text));
    }

    material = await fetchVerificationMaterial(async (path) => {
      serverReads.push(path);
      return (await app.request('GET', `/api/v1${path}`)).body;
    });
    // From here on the network is gone: any call fails the test.
    globalThis.fetch = (async (input: unknown) => {
      fetchCalls.push(String(input));
      throw new TypeError('offline');
    }) as typeof fetch;
  }, 120_000);

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await app?.close();
  });

  afterEach(() => {
    // Every verdict below came from the cache alone.
    expect(serverReads).toEqual(['/certificates/trust-list', '/certificates/revocations']);
    expect(fetchCalls).toEqual([]);
  });

  const offline = (text: string, now?: Date): Promise<OfflineVerdict> => verifyOffline(text, material, now);

  it('accepts a certificate issued by the app and reads the holder, the dose and the UVCI from it', async () => {
    const verdict = await offline(valid.hc1);
    expect(verdict).toMatchObject({
      valid: true,
      country: 'VN',
      uvci: valid.uvci,
      expiresAt: new Date(Math.floor(Date.parse(valid.expiresAt) / 1000) * 1000).toISOString(),
      dcc: { nam: { fn: 'Nguyễn', gn: 'Văn Ân', fnt: 'NGUYEN', gnt: 'VAN<AN' }, dob: '1990-02-14', v: [{ dn: 2, sd: 2, dt: '2021-10-15', mp: 'EU/1/20/1528', ci: valid.uvci }] },
    });
    expect(serverSays.get(valid.hc1)).toMatchObject({ valid: true });
    if (verdict.valid) expect(verdict.dcc).toEqual((serverSays.get(valid.hc1) as any).payload);
  });

  it('refuses the QR of a corrected dose as revoked and accepts the reissued one', async () => {
    expect(await offline(replaced.hc1)).toEqual({ valid: false, reason: 'revoked' });
    expect(serverSays.get(replaced.hc1)).toMatchObject({ valid: false, reason: 'revoked' });
    expect(await offline(reissued.hc1)).toMatchObject({ valid: true, uvci: reissued.uvci, dcc: { v: [{ dt: '2021-09-03' }] } });
    // The list holds the hash the services publish, never the UVCI itself.
    expect(await uvciRevocationHash(replaced.uvci)).toBe(serverRevocationHash(replaced.uvci));
    expect(material.revocationList.payload.hashes).toContain(serverRevocationHash(replaced.uvci));
    expect(JSON.stringify(material)).not.toContain(replaced.uvci);
  });

  it('refuses a certificate whose name was changed after signing, as the services do', async () => {
    expect(await offline(tamperedName)).toEqual({ valid: false, reason: 'signature_invalid' });
    expect(serverSays.get(tamperedName)).toMatchObject({ valid: false, reason: 'signature_invalid' });
  });

  it('refuses a certificate past its expiry, and one read when its signer certificate is not valid', async () => {
    expect(await offline(valid.hc1, new Date(Date.parse(valid.expiresAt) + dayMs))).toEqual({ valid: false, reason: 'expired' });
    expect(await offline(valid.hc1, new Date(Date.now() + 3 * 365 * dayMs))).toEqual({ valid: false, reason: 'signer_certificate_not_valid' });
    expect(await offline(valid.hc1, new Date(Date.parse(valid.expiresAt) - dayMs))).toMatchObject({ valid: true });
  });

  it('refuses a certificate of a signer the trust list does not hold', async () => {
    const withoutSigner = { ...material, trustList: [] };
    expect(await verifyOffline(valid.hc1, withoutSigner)).toEqual({ valid: false, reason: 'unknown_signer' });
  });

  it.each(['prefix_invalid', 'base45_invalid', 'compression_invalid', 'cose_invalid', 'cwt_invalid'])(
    'names the broken layer of a malformed text (%s), as the services do',
    async (reason) => {
      expect(await offline(malformed[reason])).toEqual({ valid: false, reason });
      expect(serverSays.get(malformed[reason])).toMatchObject({ valid: false, reason });
    },
  );

  it('reads the signer certificate of the trust list as node:crypto does: key, validity, vaccination key usage', () => {
    const der = Buffer.from(material.trustList[0].certificate, 'base64');
    const read = readSignerCertificate(new Uint8Array(der));
    const node = new X509Certificate(der);
    expect(Buffer.from(read.subjectPublicKeyInfo)).toEqual(node.publicKey.export({ type: 'spki', format: 'der' }));
    expect(read.keyType).toBe('ec-p256');
    expect(read.notBefore.getTime()).toBe(Date.parse(node.validFrom));
    expect(read.notAfter.getTime()).toBe(Date.parse(node.validTo));
    expect(read.extendedKeyUsages).toEqual(node.keyUsage);
    expect(read.extendedKeyUsages).toContain('1.3.6.1.4.1.1847.2021.1.2');
  });

  it('keeps the cache on the device and refuses a cached copy whose revocation list was changed', async () => {
    const storage = new MemoryStorage();
    saveMaterial(material, storage);
    const reloaded = await loadMaterial(storage);
    expect(reloaded).toEqual(material);
    expect(await verifyOffline(replaced.hc1, reloaded!)).toEqual({ valid: false, reason: 'revoked' });

    // Someone drops the revoked hash from the copy on the device: the signature no longer matches.
    const edited = JSON.parse(storage.getItem('vaxledger.verifier.material')!);
    edited.revocationList.payload.hashes = [];
    storage.setItem('vaxledger.verifier.material', JSON.stringify(edited));
    expect(await loadMaterial(storage)).toBeNull();
    expect(storage.getItem('vaxledger.verifier.material')).toBeNull();
  });

  it('refuses to fill the cache with a revocation list whose signature does not verify', async () => {
    const genuine = material.revocationList;
    const lying = fetchVerificationMaterial(async (path) =>
      path === '/certificates/trust-list'
        ? { keys: material.trustList }
        : { payload: { ...genuine.payload, hashes: [] }, signature: genuine.signature },
    );
    await expect(lying).rejects.toEqual(new MaterialRefused('revocation_signature_invalid'));
  });
});

import { decode, encode } from 'base45';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { buildVaccinationDcc } from '../src/domain/dcc-payload';
import { euVaccineCodes, type CertifiableProduct } from '../src/domain/eu-value-sets';
import { encodeHcert, keyIdentifier } from '../src/domain/hcert';
import { uvciRevocationHash, verifyHcert } from '../src/domain/hcert-verifier';
import { buildUvci, uvciChecksumValid } from '../src/domain/uvci';
import { createDocumentSigner, loadDocumentSigner } from '../src/signer/document-signer-certificate';
import { dccSchemaValidator, valueSetCodes } from './dcc-schema-validator';
import { mapGet, readHc1Independently } from './independent-hcert-decoder';

const catalogue = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'reference-data', 'vaccines.json'), 'utf8')) as {
  products: CertifiableProduct[];
};
const covidProducts = catalogue.products.filter((p) => p.program === 'covid19');
const validateDcc = dccSchemaValidator();
const now = new Date('2022-01-10T03:00:00Z');

let signer: ReturnType<typeof loadDocumentSigner>;
beforeAll(async () => {
  const created = await createDocumentSigner({ country: 'VN', organisation: 'Bo Y te Viet Nam', now: new Date('2022-01-01T00:00:00Z'), validDays: 730 });
  signer = loadDocumentSigner(created.signerKeyPem, created.signerCertificatePem);
});

function issue(product: CertifiableProduct, doseNumber = 2, fullName = 'Nguyễn Văn Ân') {
  const uvci = buildUvci('01JH8K2M4N6P8Q');
  const dcc = buildVaccinationDcc({ fullName, dateOfBirth: '1987-03-09' }, { vaccineCode: product.code, doseNumber, administeredAt: '2021-11-30T23:30:00+07:00' }, product, uvci);
  const hc1 = encodeHcert(dcc, signer, { issuerCountry: 'VN', issuedAt: now, expiresAt: new Date('2023-01-10T03:00:00Z') });
  return { uvci, dcc, hc1 };
}

describe('HCERT issuance read back by an independent decoder', () => {
  it('wraps the DCC as COSE_Sign1 (tag 18) with protected alg ES256 and the 8-byte kid of the signer certificate', () => {
    const { hc1 } = issue(covidProducts[0]);
    const reading = readHc1Independently(hc1, signer.certificateDer);
    expect(reading.tag).toBe(18);
    expect(mapGet(reading.protectedHeader, 1)).toBe(-7);
    expect((mapGet(reading.protectedHeader, 4) as Buffer).length).toBe(8);
    expect(reading.kidMatchesCertificate).toBe(true);
    expect(reading.signatureLength).toBe(64);
    expect(reading.signatureVerifies).toBe(true);
  });

  it('carries iss VN, iat, exp and the DCC under -260 → 1 in the CWT', () => {
    const { hc1, dcc } = issue(covidProducts[0]);
    const { claims, dcc: decoded } = readHc1Independently(hc1, signer.certificateDer);
    expect(mapGet(claims, 1)).toBe('VN');
    expect(mapGet(claims, 6)).toBe(now.getTime() / 1000);
    expect(mapGet(claims, 4)).toBe(Date.parse('2023-01-10T03:00:00Z') / 1000);
    expect(decoded).toEqual(dcc);
  });

  it.each(covidProducts.map((p) => [p.code, p] as const))('issues a schema-valid DCC 1.3 for %s with codes from the EU value sets', (_code, product) => {
    const { hc1 } = issue(product);
    const { dcc } = readHc1Independently(hc1, signer.certificateDer) as { dcc: any };
    const valid = validateDcc(dcc);
    expect(validateDcc.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const codes = euVaccineCodes(product)!;
    expect(codes.unlisted).toBe(false);
    expect(valueSetCodes('vaccine-medicinal-product.json').has(dcc.v[0].mp)).toBe(true);
    expect(valueSetCodes('vaccine-mah-manf.json').has(dcc.v[0].ma)).toBe(true);
    expect(valueSetCodes('vaccine-prophylaxis.json').has(dcc.v[0].vp)).toBe(true);
  });

  it('states the Vietnamese name with its ICAO transliteration, the local vaccination date and a checksummed UVCI', () => {
    const { hc1, uvci } = issue(covidProducts[0]);
    const { dcc } = readHc1Independently(hc1, signer.certificateDer) as { dcc: any };
    expect(dcc.nam).toEqual({ fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn Ân', gnt: 'VAN<AN' });
    expect(`${dcc.nam.fnt}<${dcc.nam.gnt}`).toBe('NGUYEN<VAN<AN');
    expect(dcc.v[0]).toMatchObject({ tg: '840539006', co: 'VN', dt: '2021-11-30', dn: 2, sd: 2, ci: uvci });
    expect(dcc.v[0].ci).toMatch(/^URN:UVCI:01:VN:/);
    expect(uvciChecksumValid(dcc.v[0].ci)).toBe(true);
  });

  it('has a schema check that refuses what eu-dcc-schema refuses (lower-case fnt, two vaccination entries, no dob)', () => {
    const { dcc } = issue(covidProducts[0]);
    expect(validateDcc({ ...dcc, nam: { ...dcc.nam, fnt: 'Nguyen' } })).toBe(false);
    expect(validateDcc({ ...dcc, v: [dcc.v[0], dcc.v[0]] })).toBe(false);
    const { dob: _dob, ...withoutDob } = dcc;
    expect(validateDcc(withoutDob)).toBe(false);
  });

  it('states a booster beyond the primary series as n/n', () => {
    const comirnaty = covidProducts.find((p) => p.code === 'COMIRNATY')!;
    const { hc1 } = issue(comirnaty, 3);
    const { dcc } = readHc1Independently(hc1, signer.certificateDer) as { dcc: any };
    expect(dcc.v[0]).toMatchObject({ dn: 3, sd: 3 });
    expect(validateDcc(dcc)).toBe(true);
  });

  it('gives a product the value sets do not list the unlisted-product codes, still schema-valid', () => {
    const product: CertifiableProduct = { code: 'NANOCOVAX', name: 'Nanocovax (recombinant spike)', manufacturer: 'Nanogen Pharmaceutical Biotechnology JSC', program: 'covid19', primarySeries: { doses: 2 } };
    const codes = euVaccineCodes(product)!;
    expect(codes).toEqual({ mp: 'Nanocovax', ma: 'Nanogen-Pharmaceutical-Biotechnology-JSC', vp: 'J07BX03', unlisted: true });
    const { hc1 } = issue(product);
    const { dcc } = readHc1Independently(hc1, signer.certificateDer);
    expect(validateDcc(dcc)).toBe(true);
  });

  it('refuses to certify a routine EPI vaccine: the DCC covers COVID-19 only', () => {
    const bcg = catalogue.products.find((p) => p.code === 'BCG')!;
    expect(euVaccineCodes(bcg)).toBeNull();
    expect(() => issue(bcg, 1)).toThrow(/COVID-19/);
  });

  it('is accepted by our verifier with the signer in the trust list, and refused once its UVCI hash is revoked', () => {
    const { hc1, uvci } = issue(covidProducts[0]);
    const trustList = [{ kid: keyIdentifier(signer.certificateDer).toString('base64'), country: 'VN', certificate: signer.certificateDer.toString('base64') }];
    const accepted = verifyHcert(hc1, { now, trustList });
    expect(accepted).toMatchObject({ valid: true, uvci, country: 'VN' });
    const refused = verifyHcert(hc1, { now, trustList, revokedUvciHashes: new Set([uvciRevocationHash(uvci)]) });
    expect(refused).toMatchObject({ valid: false, reason: 'revoked' });
    expect(verifyHcert(hc1, { now: new Date('2023-02-01T00:00:00Z'), trustList })).toMatchObject({ valid: false, reason: 'expired' });
    expect(verifyHcert(hc1, { now, trustList: [] })).toMatchObject({ valid: false, reason: 'unknown_signer' });
  });

  it('refuses a QR whose payload was altered after signing', () => {
    const { hc1 } = issue(covidProducts[0]);
    const cose: Buffer = inflateSync(decode(hc1.slice(4)));
    const at = cose.indexOf(Buffer.from('1987-03-09'));
    cose.write('1987-03-08', at);
    const tampered = 'HC1:' + encode(deflateSync(cose));
    const trustList = [{ kid: keyIdentifier(signer.certificateDer).toString('base64'), country: 'VN', certificate: signer.certificateDer.toString('base64') }];
    expect(verifyHcert(tampered, { now, trustList })).toMatchObject({ valid: false, reason: 'signature_invalid' });
  });
});

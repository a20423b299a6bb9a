/**
 * The console's offline verifier against the public EU test cases of eu-digital-green-certificates/dgc-testdata
 * (copied to reference-data/dgc-testdata, see its README): foreign signers, key usages and broken layers the
 * app's own certificates never show. Same cases and expected reasons as the services' verifier
 * (libs/certificates/test/dgc-testdata.spec.ts); each case's signer certificate is the whole trust list and its
 * VALIDATIONCLOCK the clock.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyOffline } from '../../../apps/console/src/certificates/offline-verifier';
import type { VerificationMaterial } from '../../../apps/console/src/certificates/verification-material';

const folder = join(__dirname, '..', '..', '..', 'reference-data', 'dgc-testdata', 'common', '2DCode', 'raw');

interface TestCase {
  PREFIX: string;
  JSON?: unknown;
  TESTCTX: { CERTIFICATE: string; VALIDATIONCLOCK: string; DESCRIPTION: string };
  EXPECTEDRESULTS: Record<string, boolean>;
}

const load = (name: string): TestCase => JSON.parse(readFileSync(join(folder, name), 'utf8'));

function materialFor(testCase: TestCase, hashes: string[] = []): VerificationMaterial {
  const der = Buffer.from(testCase.TESTCTX.CERTIFICATE, 'base64');
  const kid = createHash('sha256').update(der).digest().subarray(0, 8).toString('base64');
  return {
    trustList: [{ kid, country: 'AT', certificate: testCase.TESTCTX.CERTIFICATE }],
    // The test data has no revocation list; verifyOffline reads only the hashes (the signature is checked on download).
    revocationList: { payload: { generatedAt: testCase.TESTCTX.VALIDATIONCLOCK, kid, hashAlgorithm: 'SHA-256', hashes }, signature: '' },
    fetchedAt: testCase.TESTCTX.VALIDATIONCLOCK,
  };
}

const expectations: Array<[file: string, expectedReason: string | null]> = [
  ['CO3.json', null],
  ['CO5.json', 'signature_invalid'],
  ['CO6.json', 'key_usage_mismatch'],
  ['CO8.json', 'key_usage_mismatch'],
  ['CBO1.json', 'cwt_invalid'],
  ['H1.json', 'prefix_invalid'],
  ['B1.json', 'base45_invalid'],
];

describe('the console verifier on the dgc-testdata cases', () => {
  it.each(expectations)('%s is answered as the test data expects (reason %s)', async (file, expectedReason) => {
    const testCase = load(file);
    const verdict = await verifyOffline(testCase.PREFIX, materialFor(testCase), new Date(testCase.TESTCTX.VALIDATIONCLOCK));
    const expectedValid = Object.values(testCase.EXPECTEDRESULTS).every(Boolean);
    expect(verdict.valid).toBe(expectedValid);
    if (expectedReason) expect(verdict).toEqual({ valid: false, reason: expectedReason });
  });

  it('reads the payload of the valid case CO3, and refuses it once expired or once its UVCI hash is on the list', async () => {
    const testCase = load('CO3.json');
    const clock = new Date(testCase.TESTCTX.VALIDATIONCLOCK);
    const verdict = await verifyOffline(testCase.PREFIX, materialFor(testCase), clock);
    expect(verdict).toMatchObject({ valid: true, dcc: testCase.JSON });
    const uvci = (testCase.JSON as { v: Array<{ ci: string }> }).v[0].ci;
    const hash = createHash('sha256').update(uvci.toUpperCase()).digest('hex');
    expect(await verifyOffline(testCase.PREFIX, materialFor(testCase, [hash]), clock)).toEqual({ valid: false, reason: 'revoked' });
    expect(await verifyOffline(testCase.PREFIX, materialFor(testCase), new Date('2021-05-06T00:00:00Z'))).toEqual({ valid: false, reason: 'expired' });
  });
});

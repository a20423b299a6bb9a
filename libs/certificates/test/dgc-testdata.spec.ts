/**
 * Our verifier against the public EU test cases of eu-digital-green-certificates/dgc-testdata, copied to
 * reference-data/dgc-testdata (see its README). Each case's signer certificate is the whole trust list and its
 * VALIDATIONCLOCK the verifier's clock, as the test data's own README prescribes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdentifier } from '../src/domain/hcert';
import { verifyHcert } from '../src/domain/hcert-verifier';

const folder = join(__dirname, '..', '..', '..', 'reference-data', 'dgc-testdata', 'common', '2DCode', 'raw');

interface TestCase {
  PREFIX: string;
  TESTCTX: { CERTIFICATE: string; VALIDATIONCLOCK: string; DESCRIPTION: string };
  EXPECTEDRESULTS: Record<string, boolean>;
}

const load = (name: string): TestCase => JSON.parse(readFileSync(join(folder, name), 'utf8'));

function trustListOf(testCase: TestCase) {
  const der = Buffer.from(testCase.TESTCTX.CERTIFICATE, 'base64');
  return [{ kid: keyIdentifier(der).toString('base64'), country: 'AT', certificate: testCase.TESTCTX.CERTIFICATE }];
}

function verifyCase(testCase: TestCase, now = new Date(testCase.TESTCTX.VALIDATIONCLOCK)) {
  return verifyHcert(testCase.PREFIX, { now, trustList: trustListOf(testCase) });
}

/** Each copied case, the expectation of the test data, and the reason our verifier must give. */
const expectations: Array<[file: string, expectedReason: string | null]> = [
  ['CO3.json', null],
  ['CO5.json', 'signature_invalid'],
  ['CO6.json', 'key_usage_mismatch'],
  ['CO8.json', 'key_usage_mismatch'],
  ['CBO1.json', 'cwt_invalid'],
  ['H1.json', 'prefix_invalid'],
  ['B1.json', 'base45_invalid'],
];

describe('dgc-testdata cases', () => {
  it('covers every case copied into reference-data', () => {
    expect(readdirSync(folder).filter((f) => f.endsWith('.json')).sort()).toEqual(expectations.map(([f]) => f).sort());
  });

  it.each(expectations)('%s is answered as the test data expects (reason %s)', (file, expectedReason) => {
    const testCase = load(file);
    const result = verifyCase(testCase);
    const expectedValid = Object.values(testCase.EXPECTEDRESULTS).every(Boolean);
    expect(result.valid).toBe(expectedValid);
    expect(testCase.TESTCTX.DESCRIPTION.startsWith('VALID')).toBe(expectedValid);
    if (expectedReason) expect(result).toMatchObject({ valid: false, reason: expectedReason });
  });

  it('CO3 (valid) states the payload of its JSON field', () => {
    const testCase = load('CO3.json') as TestCase & { JSON: unknown };
    const result = verifyCase(testCase);
    expect(result).toMatchObject({ valid: true, payload: testCase.JSON });
  });

  it('CO3 is refused as expired once the clock passes its CWT exp, and unknown to a trust list without its signer', () => {
    const testCase = load('CO3.json');
    expect(verifyCase(testCase, new Date('2021-05-06T00:00:00Z'))).toMatchObject({ valid: false, reason: 'expired' });
    const other = load('CO5.json');
    expect(verifyHcert(testCase.PREFIX, { now: new Date(testCase.TESTCTX.VALIDATIONCLOCK), trustList: trustListOf(other) })).toMatchObject({
      valid: false,
      reason: 'unknown_signer',
    });
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describeWithTool } from '@vaxledger/testing';
import { totp } from 'otplib';
import { HashAlgorithms } from 'otplib/core';
import { matchingTimeStep, newTotpSecret, otpauthUri, timeStepOf, totpCodeAt, totpSettings } from './totp';

const oathtool = ['/usr/bin/oathtool', '/usr/local/bin/oathtool'].find((p) => existsSync(p)) ?? null;

describe('TOTP as authenticator apps compute it (RFC 6238)', () => {
  // RFC 6238 Appendix B, SHA-1 rows: the ASCII secret "12345678901234567890", 8 digits, 30 s steps.
  const rfcVectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it.each(rfcVectors)('reproduces the RFC 6238 SHA-1 vector at T=%d', (seconds, expected) => {
    const generator = totp.clone({
      algorithm: HashAlgorithms.SHA1,
      digits: 8,
      step: totpSettings.stepSeconds,
      epoch: seconds * 1000,
    });
    expect(generator.generate('12345678901234567890')).toBe(expected);
  });

  it('produces 160-bit base32 secrets and a standard otpauth URI', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, 'lan.nguyen', 'vaxledger'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('vaxledger');
  });

  it('accepts a code one step early or late and refuses one two steps away', () => {
    const secret = newTotpSecret();
    const now = new Date('2021-07-01T08:00:10Z');
    const step = timeStepOf(now);
    expect(matchingTimeStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(matchingTimeStep(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchingTimeStep(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    // A fixed secret, so the code of two steps ago cannot coincide with one of the three valid codes.
    const fixed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const twoStepsAgo = totpCodeAt(fixed, new Date(now.getTime() - 60_000));
    expect([-1, 0, 1].map((d) => totpCodeAt(fixed, new Date(now.getTime() + d * 30_000)))).not.toContain(twoStepsAgo);
    expect(matchingTimeStep(fixed, twoStepsAgo, now)).toBeNull();
    expect(matchingTimeStep(secret, 'abcdef', now)).toBeNull();
  });

  describeWithTool(
    { name: 'oathtool', location: oathtool, install: 'apt-get install -y oathtool' },
    "TOTP against Debian's oathtool",
    (oathtoolPath) => {
      it("agrees with Debian's oathtool on the code for several instants", () => {
        const secret = newTotpSecret();
        for (const instant of ['2021-01-01T00:00:00Z', '2021-07-15T12:34:56Z', '2033-05-18T03:33:20Z']) {
          const fromOathtool = execFileSync(oathtoolPath, ['--totp=sha1', '--base32', '--digits=6', '--time-step-size=30s', `--now=${instant}`, secret], {
            encoding: 'utf8',
          }).trim();
          expect(totpCodeAt(secret, new Date(instant))).toBe(fromOathtool);
        }
      });
    },
  );
});

import { randomBytes } from 'node:crypto';
import { SecretSealer } from './secret-sealing';

describe('sealing TOTP secrets at rest', () => {
  it('opens what it sealed and never stores the plain secret', () => {
    const sealer = new SecretSealer(randomBytes(32));
    const sealed = sealer.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(sealer.open(sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('refuses to open a secret sealed under another key or tampered with', () => {
    const sealer = new SecretSealer(randomBytes(32));
    const sealed = sealer.seal('JBSWY3DPEHPK3PXP');
    expect(() => new SecretSealer(randomBytes(32)).open(sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(() => sealer.open([v, iv, tag, flipped].join('.'))).toThrow();
  });
});

import { buildUvci, luhnModNCheckCharacter, luhnModNValid, uvciChecksumValid } from './uvci';

describe('UVCI with the Luhn mod N checksum', () => {
  it('builds URN:UVCI:01:VN:MOH/<opaque>#<check> whose check validates', () => {
    const uvci = buildUvci('01HX4K9ZQ8W3');
    expect(uvci).toMatch(/^URN:UVCI:01:VN:MOH\/01HX4K9ZQ8W3#[A-Z0-9/:]$/);
    expect(uvciChecksumValid(uvci)).toBe(true);
  });

  it('computes the check character of the guideline alphabet the way its reference implementation does', () => {
    // Worked by hand over "A1" in ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/: (N = 38): from the right, '1' (27) × 2 = 54
    // → 1 + 16 = 17, then 'A' (0) × 1 = 0; sum 17; check code point (38 − 17) mod 38 = 21 → 'V'.
    expect(luhnModNCheckCharacter('A1')).toBe('V');
    expect(luhnModNValid('A1V')).toBe(true);
  });

  it('detects every single-character substitution in a UVCI', () => {
    const uvci = buildUvci('ABCDEFGH1234');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const hash = uvci.indexOf('#');
    for (let i = 'URN:UVCI:01:VN:MOH/'.length; i < hash; i++) {
      for (const replacement of alphabet) {
        if (replacement === uvci[i]) continue;
        const tampered = uvci.slice(0, i) + replacement + uvci.slice(i + 1);
        expect(uvciChecksumValid(tampered)).toBe(false);
      }
    }
  });

  it('refuses an opaque part outside upper-case letters and digits', () => {
    expect(() => buildUvci('abc')).toThrow();
    expect(() => buildUvci('ABCDEFGH#1')).toThrow();
  });
});

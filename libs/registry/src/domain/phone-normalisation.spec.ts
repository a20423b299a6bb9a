import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalisePhone } from './subject-profile';

/** What libphonenumber alone answers, the reference the quick path for domestic mobiles must agree with. */
function byLibphonenumber(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'VN');
  return parsed && parsed.isValid() ? parsed.number : null;
}

describe('phone normalisation', () => {
  it('gives the same E.164 number as libphonenumber for every domestic mobile prefix', () => {
    let checked = 0;
    for (const first of ['3', '5', '7', '8', '9']) {
      for (let second = 0; second <= 9; second++) {
        for (let third = 0; third <= 9; third++) {
          for (const tail of ['0000000', '9999999', '1234567', '5050505', '0987654']) {
            const domestic = `0${first}${second}${third}${tail}`;
            expect(normalisePhone(domestic)).toBe(byLibphonenumber(domestic));
            expect(normalisePhone(` ${domestic} `)).toBe(byLibphonenumber(domestic));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(5 * 10 * 10 * 5);
    expect(normalisePhone('0912345678')).toBe('+84912345678');
  });

  it('leaves landlines, spaced, international and foreign numbers to libphonenumber', () => {
    for (const raw of ['0243 826 2626', '02438262626', '0912 345 678', '+84 912 345 678', '+33 6 12 34 56 78', '84912345678']) {
      expect(normalisePhone(raw)).toBe(byLibphonenumber(raw));
    }
    expect(normalisePhone('0912 345 678')).toBe('+84912345678');
  });

  it('refuses numbers of the wrong length or prefix', () => {
    for (const raw of ['091234567', '09123456789', '0112345678', '12345', 'not a phone']) {
      expect(normalisePhone(raw)).toBe(byLibphonenumber(raw));
    }
    expect(normalisePhone('12345')).toBeNull();
  });
});

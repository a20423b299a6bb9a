import { calendarDate, trimmedText } from '@vaxledger/kernel';
import {
  healthInsuranceNumberSchema,
  provinceCodeSchema,
  wardCodeSchema,
} from './subject-schemas';

describe('registry request schemas', () => {
  it('counts text in code points and refuses a space at either end, as the document states', () => {
    const name = trimmedText(2, 100);
    for (const ok of ['An', 'a b', 'a'.repeat(100), '𝐀'.repeat(100), 'Nguyễn Văn An'])
      expect(name.safeParse(ok).success).toBe(true);
    for (const bad of ['a', ' ab', 'ab ', '\ufeffab', 'ab\u3000', 'a'.repeat(101), '𝐀'.repeat(101), '']) {
      expect(name.safeParse(bad).success).toBe(false);
    }
    const short = trimmedText(1, 5);
    expect(['a', 'abcde'].map((v) => short.safeParse(v).success)).toEqual([true, true]);
    expect(['', ' ', 'abcdef'].map((v) => short.safeParse(v).success)).toEqual([false, false, false]);
  });

  it('takes only ASCII digits where a digit is asked for', () => {
    expect(calendarDate.safeParse('2020-02-29').success).toBe(true);
    expect(calendarDate.safeParse('2021-02-29').success).toBe(false);
    expect(calendarDate.safeParse('١٩٩٠-01-01').success).toBe(false);
    expect(wardCodeSchema.safeParse('00163').success).toBe(true);
    expect(wardCodeSchema.safeParse('٠٠١٦٣').success).toBe(false);
    expect(healthInsuranceNumberSchema.safeParse('DN4010123456789').success).toBe(true);
    expect(healthInsuranceNumberSchema.safeParse('dn4010123456789').success).toBe(false);
  });

  it('lists the province codes of the administrative-units table', () => {
    expect(provinceCodeSchema.options).toContain('01');
    expect(provinceCodeSchema.options).toContain('79');
    expect(provinceCodeSchema.safeParse('99').success).toBe(false);
  });
});

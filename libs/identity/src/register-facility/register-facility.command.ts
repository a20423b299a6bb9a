import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const registerFacilitySchema = z.object({
  /** Stored upper-cased; checked before, so the document shows the lower-case letters the server takes too. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'code: 1–32 letters, digits, ".", "_" or "-"')
    .toUpperCase(),
  name: typedText(200),
  provinceCode: z.string().regex(/^[0-9]{2}$/, 'provinceCode: two digits (GSO code)'),
  districtCode: z.string().regex(/^[0-9]{3}$/, 'districtCode: three digits (GSO code)').nullish(),
});

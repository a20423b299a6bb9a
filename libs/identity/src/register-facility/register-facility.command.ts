import { z } from 'zod';

export const registerFacilitySchema = z.object({
  /** Stored upper-cased; checked before, so the document shows the lower-case letters the server takes too. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'code: 1–32 letters, digits, ".", "_" or "-"')
    .toUpperCase(),
  name: z.string().trim().min(1).max(200).regex(/\S/, 'name: not blank'),
  provinceCode: z.string().trim().regex(/^\d{2}$/, 'provinceCode: two digits (GSO code)'),
  districtCode: z.string().trim().regex(/^\d{3}$/, 'districtCode: three digits (GSO code)').nullish(),
});

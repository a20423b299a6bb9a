import { z } from 'zod';

export const registerFacilitySchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, 'code: 1–32 letters, digits, ".", "_" or "-"'),
  name: z.string().trim().min(1).max(200),
  provinceCode: z.string().trim().regex(/^\d{2}$/, 'provinceCode: two digits (GSO code)'),
  districtCode: z.string().trim().regex(/^\d{3}$/, 'districtCode: three digits (GSO code)').nullish(),
});

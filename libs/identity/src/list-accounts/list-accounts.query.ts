import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const listAccountsQuerySchema = z.object({
  provinceCode: z.string().regex(/^[0-9]{2}$/).optional(),
  facilityId: typedText(64).optional(),
  role: z.enum(['national_admin', 'province_admin', 'facility_admin', 'staff', 'auditor', 'reporter']).optional(),
  notReviewedSince: z.string().date().or(z.string().datetime({ offset: true })).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

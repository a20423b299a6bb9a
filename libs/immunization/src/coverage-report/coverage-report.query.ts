import { calendarDate } from '@vaxledger/kernel';
import { z } from 'zod';

export const coverageReportQuerySchema = z.object({
  provinceCode: z.string().regex(/^[0-9]{2}$/, 'must be a two-digit province code').optional(),
  from: calendarDate,
  to: calendarDate,
  vaccineCode: z.string().min(1).max(40).optional(),
});

export type CoverageReportQuery = z.infer<typeof coverageReportQuerySchema>;

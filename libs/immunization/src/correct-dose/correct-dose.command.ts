import { z } from 'zod';
import { administrationRoutes, injectionSites } from '../record-dose/record-dose.command';

export const correctDoseSchema = z
  .object({
    vaccineCode: z.string().min(1).max(40).optional(),
    lotNumber: z.string().trim().min(1).max(40).optional(),
    administeredAt: z.string().datetime({ offset: true }).optional(),
    doseNumber: z.number().int().min(1).max(20).optional(),
    site: z.enum(injectionSites).nullable().optional(),
    route: z.enum(administrationRoutes).nullable().optional(),
    reason: z.string().trim().min(3).max(500),
  })
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== 'reason'), { message: 'name at least one field to correct' });

export type CorrectDoseInput = z.infer<typeof correctDoseSchema>;

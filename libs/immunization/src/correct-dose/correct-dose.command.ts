import { trimmedText } from '@vaxledger/kernel';
import { z } from 'zod';
import { administrationRoutes, injectionSites } from '../record-dose/record-dose.command';

export const correctDoseSchema = z
  .object({
    vaccineCode: z.string().min(1).max(40).optional(),
    lotNumber: trimmedText(1, 40).optional(),
    administeredAt: z.string().datetime({ offset: true }).optional(),
    doseNumber: z.number().int().min(1).max(20).optional(),
    site: z.enum(injectionSites).nullable().optional(),
    route: z.enum(administrationRoutes).nullable().optional(),
    reason: trimmedText(3, 500),
  })
  // A correction naming no field, like one repeating the values the dose has, changes nothing and says so
  // by answering the dose as it is (no event, no audit entry of a change).
  .strict();

export type CorrectDoseInput = z.infer<typeof correctDoseSchema>;

import { trimmedText, opaqueIdPattern } from '@vaxledger/kernel';
import { z } from 'zod';

export const injectionSites = ['LA', 'RA', 'LD', 'RD', 'LT', 'RT', 'LVL', 'RVL'] as const;
export const administrationRoutes = ['IM', 'ID', 'SC', 'PO'] as const;

const id = z.string().regex(opaqueIdPattern, 'must be an id');

export const recordDoseSchema = z
  .object({
    vaccineCode: z.string().min(1).max(40).describe('Product code from GET /api/v1/vaccines; 422 unknown_vaccine otherwise'),
    lotNumber: trimmedText(1, 40),
    administeredAt: z.string().datetime({ offset: true }),
    facilityId: id.describe('The vaccinating facility: the caller’s own'),
    planId: id.optional().describe('The plan (session) the subject came to, if any'),
    doseNumber: z.number().int().min(1).max(20).optional().describe('Derived from the history when absent; refused when it disagrees'),
    /** HL7 v3 ActSite: left/right arm, deltoid, thigh, vastus lateralis. */
    site: z.enum(injectionSites).optional(),
    route: z.enum(administrationRoutes).optional(),
  })
  .strict();

export type RecordDoseInput = z.infer<typeof recordDoseSchema>;

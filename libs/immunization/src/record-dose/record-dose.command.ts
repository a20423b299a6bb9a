import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const injectionSites = ['LA', 'RA', 'LD', 'RD', 'LT', 'RT', 'LVL', 'RVL'] as const;
export const administrationRoutes = ['IM', 'ID', 'SC', 'PO'] as const;

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id');

export const recordDoseSchema = z
  .object({
    vaccineCode: z.string().min(1).max(40),
    lotNumber: z.string().trim().min(1).max(40),
    administeredAt: z.string().datetime({ offset: true }),
    facilityId: id,
    planId: id.optional(),
    doseNumber: z.number().int().min(1).max(20).optional(),
    /** HL7 v3 ActSite: left/right arm, deltoid, thigh, vastus lateralis. */
    site: z.enum(injectionSites).optional(),
    route: z.enum(administrationRoutes).optional(),
  })
  .strict();

export type RecordDoseInput = z.infer<typeof recordDoseSchema>;

export const recordDoseBodySchema: SchemaObject = {
  type: 'object',
  required: ['vaccineCode', 'lotNumber', 'administeredAt', 'facilityId'],
  additionalProperties: false,
  properties: {
    vaccineCode: { type: 'string', example: 'VAXZEVRIA', description: 'Product code from GET /api/v1/vaccines' },
    lotNumber: { type: 'string', example: 'ABV5811' },
    administeredAt: { type: 'string', format: 'date-time', example: '2021-08-02T09:30:00+07:00' },
    facilityId: { type: 'string', description: 'The vaccinating facility: the caller’s own' },
    planId: { type: 'string', description: 'The plan (session) the subject came to, if any' },
    doseNumber: { type: 'integer', minimum: 1, description: 'Derived from the history when absent; refused when it disagrees' },
    site: { type: 'string', enum: [...injectionSites] },
    route: { type: 'string', enum: [...administrationRoutes] },
  },
};

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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

export const correctDoseBodySchema: SchemaObject = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: {
    vaccineCode: { type: 'string' },
    lotNumber: { type: 'string' },
    administeredAt: { type: 'string', format: 'date-time' },
    doseNumber: { type: 'integer', minimum: 1 },
    site: { type: 'string', enum: [...injectionSites], nullable: true },
    route: { type: 'string', enum: [...administrationRoutes], nullable: true },
    reason: { type: 'string', example: 'Lot number mistyped' },
  },
};

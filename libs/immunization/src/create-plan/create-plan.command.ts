import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar';

export const calendarDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');

export const createPlanSchema = z
  .object({
    facilityId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id'),
    date: calendarDate,
    vaccineCode: z.string().min(1).max(40),
    capacity: z.number().int().min(1).max(10_000),
  })
  .strict();

export type CreatePlanInput = z.infer<typeof createPlanSchema>;

export const createPlanBodySchema: SchemaObject = {
  type: 'object',
  required: ['facilityId', 'date', 'vaccineCode', 'capacity'],
  additionalProperties: false,
  properties: {
    facilityId: { type: 'string' },
    date: { type: 'string', format: 'date', example: '2021-08-02' },
    vaccineCode: { type: 'string', example: 'VAXZEVRIA' },
    capacity: { type: 'integer', minimum: 1, maximum: 10000, example: 300 },
  },
};

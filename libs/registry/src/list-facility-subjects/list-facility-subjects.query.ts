import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const listFacilitySubjectsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last subject id of the previous page. */
  after: z.string().max(100).optional(),
});

export const facilitySubjectsOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          subjectId: { type: 'string' },
          fullName: { type: 'string' },
          birthYear: { type: 'integer' },
          gender: { type: 'string' },
          address: { type: 'object' },
          registeredAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    next: { type: 'string', nullable: true, description: 'Pass as `after` for the next page' },
  },
};

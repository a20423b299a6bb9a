import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const requestTransferSchema = z.object({ toFacilityId: z.string().min(1).max(100) }).strict();

export const requestTransferOpenApi: SchemaObject = {
  type: 'object',
  required: ['toFacilityId'],
  properties: { toFacilityId: { type: 'string', description: 'The facility that is to manage the subject' } },
};

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const revokeLotSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type RevokeLotInput = z.infer<typeof revokeLotSchema>;
export const lotNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export const revokeLotBodySchema: SchemaObject = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', example: 'Cold chain failure reported by the provincial store' } },
};

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const voidDoseSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type VoidDoseInput = z.infer<typeof voidDoseSchema>;

export const voidDoseBodySchema: SchemaObject = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', example: 'Entered on the wrong subject' } },
};

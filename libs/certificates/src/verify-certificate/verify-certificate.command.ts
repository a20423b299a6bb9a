import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** A QR code holds at most about 4,000 alphanumeric characters; anything longer is not a certificate. */
export const verifyCertificateSchema = z.object({ hc1: z.string().min(1).max(5000) }).strict();
export type VerifyCertificateInput = z.infer<typeof verifyCertificateSchema>;

export const verifyCertificateBodySchema: SchemaObject = {
  type: 'object',
  required: ['hc1'],
  additionalProperties: false,
  properties: { hc1: { type: 'string', example: 'HC1:NCF…' } },
};

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** Nothing to choose: a certificate states the record's latest completed COVID-19 dose. */
export const issueCertificateSchema = z.object({}).strict();
export type IssueCertificateInput = z.infer<typeof issueCertificateSchema>;

export const issueCertificateBodySchema: SchemaObject = { type: 'object', additionalProperties: false, properties: {} };

export const issuedCertificateSchema: SchemaObject = {
  type: 'object',
  required: ['certificateId', 'uvci', 'hc1', 'qrPng', 'issuedAt'],
  properties: {
    certificateId: { type: 'string' },
    uvci: { type: 'string' },
    hc1: { type: 'string' },
    qrPng: { type: 'string', description: 'PNG of the QR code (error correction Q), base64' },
    issuedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
};

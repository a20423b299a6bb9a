/** The shapes the certificate endpoints answer with, shared by handlers and OpenAPI decorators. */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { CertificateView } from './domain/certificate-record.decider';

export interface CertificateListItem {
  certificateId: string;
  uvci: string;
  status: 'valid' | 'revoked';
  hc1: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revocationReason?: string;
  replaces?: string[];
}

export function listItem(c: CertificateView): CertificateListItem {
  const item: CertificateListItem = { certificateId: c.certificateId, uvci: c.uvci, status: c.status, hc1: c.hc1, issuedAt: c.issuedAt, expiresAt: c.expiresAt };
  if (c.revokedAt) item.revokedAt = c.revokedAt;
  if (c.revocationReason) item.revocationReason = c.revocationReason;
  if (c.replaces.length) item.replaces = c.replaces;
  return item;
}

export const certificateListItemSchema: SchemaObject = {
  type: 'object',
  required: ['certificateId', 'uvci', 'status', 'hc1', 'issuedAt', 'expiresAt'],
  properties: {
    certificateId: { type: 'string' },
    uvci: { type: 'string', example: 'URN:UVCI:01:VN:MOH/01JH8K2M4N6P8Q0R1S2T3V4W5X#K' },
    status: { type: 'string', enum: ['valid', 'revoked'] },
    hc1: { type: 'string', example: 'HC1:NCF…' },
    issuedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: 'string', format: 'date-time' },
    revocationReason: { type: 'string', enum: ['statement_changed', 'subject_merged', 'lot_revoked'] },
    replaces: { type: 'array', items: { type: 'string' } },
  },
};

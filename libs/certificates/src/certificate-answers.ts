/** The shapes the certificate endpoints answer with, shared by handlers and the OpenAPI document. */
import { opaqueIdPattern } from '@vaxledger/kernel';
import { z } from 'zod';
import type { CertificateView } from './domain/certificate-record.decider';
import { hcertPrefix } from './domain/hcert-rules';
import { uvciPrefix } from './domain/uvci';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `URN:UVCI:01:VN:MOH/<opaque>#<check>`, built by buildUvci. */
export const uvciAnswer = z.string().regex(new RegExp(`^${escaped(uvciPrefix)}[A-Z0-9/]+#[A-Z0-9/:]$`));
/** The signed certificate text the QR code holds: `HC1:` then Base45. */
export const hc1Answer = z.string().regex(new RegExp(`^${escaped(hcertPrefix)}[0-9A-Z $%*+\\-./:]+$`));
export const certificateIdAnswer = z.string().regex(opaqueIdPattern);
export const revocationReasons = ['statement_changed', 'subject_merged', 'lot_revoked'] as const;

export const certificateListItemAnswer = z.object({
  certificateId: certificateIdAnswer,
  uvci: uvciAnswer,
  status: z.enum(['valid', 'revoked']),
  hc1: hc1Answer,
  issuedAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  revokedAt: z.string().datetime().optional(),
  revocationReason: z.enum(revocationReasons).optional(),
  /** The certificates this one replaced (revoked by the same change of the record). */
  replaces: z.array(certificateIdAnswer).min(1).optional(),
});

export type CertificateListItem = z.infer<typeof certificateListItemAnswer>;

export const certificateListItemExample: CertificateListItem = {
  certificateId: '0193a4c2-5e1f-7b3a-9c2d-4f8e6a1b3c5d',
  uvci: 'URN:UVCI:01:VN:MOH/3KQ7WZ8M2P5R9T1V4X6Y0B2D#R',
  status: 'valid',
  hc1: 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I5BROCWAAT4V22F/8X*G3M9JUPY0BX/KR96R/S09T./0LWTKD33236J3',
  issuedAt: '2026-12-04T08:15:00.000Z',
  expiresAt: '2027-12-04T08:15:00.000Z',
};

export function listItem(c: CertificateView): CertificateListItem {
  const item: CertificateListItem = { certificateId: c.certificateId, uvci: c.uvci, status: c.status, hc1: c.hc1, issuedAt: c.issuedAt, expiresAt: c.expiresAt };
  if (c.revokedAt) item.revokedAt = c.revokedAt;
  if (c.revocationReason) item.revocationReason = c.revocationReason;
  if (c.replaces.length) item.replaces = c.replaces;
  return item;
}

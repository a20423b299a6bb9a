/**
 * Events of a subject's certificates, stream `certificates-<subjectId>`, and of revoked lots, stream
 * `certificate-lot-<hash of the lot number>`. An issued certificate keeps its signed HC1 text: it is the
 * document itself and cannot be signed again identically (ECDSA signatures are randomised).
 */
import type { DomainEvent } from '@vaxledger/kernel';

export type RevocationReason = 'statement_changed' | 'subject_merged' | 'lot_revoked';

export interface IssuedCertificateData {
  subjectId: string;
  certificateId: string;
  uvci: string;
  /** SHA-256 of the UVCI (upper case), as published on the revocation list. */
  uvciHash: string;
  hc1: string;
  /** Hash of what the certificate states (name, birth date, dose); a change of it calls for a new certificate. */
  statementKey: string;
  doseId: string;
  lotNumber: string;
  vaccineCode: string;
  doseNumber: number;
  issuedAt: string;
  expiresAt: string;
  /** base64 key identifier of the document signer. */
  kid: string;
  /** Certificates this one replaces (revoked by the same change). */
  replaces: string[];
}

export type CertificateIssued = DomainEvent<'CertificateIssued', IssuedCertificateData>;
export type CertificateRevoked = DomainEvent<
  'CertificateRevoked',
  { subjectId: string; certificateId: string; uvciHash: string; reason: RevocationReason; detail: string; revokedAt: string }
>;
export type CertificateEvent = CertificateIssued | CertificateRevoked;

export type LotRevoked = DomainEvent<'LotRevoked', { lotNumber: string; reason: string; revokedAt: string }>;

export const certificateStreamId = (subjectId: string) => `certificates-${subjectId}`;
export const lotStreamId = (lotKey: string) => `certificate-lot-${lotKey}`;
export const certificateEventTypes: ReadonlySet<string> = new Set(['CertificateIssued', 'CertificateRevoked']);

/**
 * A subject's certificates: issued, and revoked when what they state is no longer true (a corrected or
 * voided dose, a changed name or birth date, a merge) or when their vaccine lot is revoked. A revision revokes
 * the outdated certificates and issues their replacements in the same append, so the record never shows the
 * old certificate valid next to the new one.
 */
import { conflict, type Decider } from '@vaxledger/kernel';
import type { CertificateEvent, CertificateRevoked, IssuedCertificateData, LotRevoked, RevocationReason } from './certificate-record.events';

export interface CertificateView extends IssuedCertificateData {
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revocationReason: RevocationReason | null;
}

export interface CertificateRecordState {
  certificates: CertificateView[];
}

export type NewCertificate = Omit<IssuedCertificateData, 'replaces'>;

export type CertificateCommand =
  | { type: 'IssueCertificate'; certificate: NewCertificate }
  | {
      type: 'ReviseCertificates';
      subjectId: string;
      /** Certificates found no longer true, each with the statement key it was judged against. */
      outdated: Array<{ certificateId: string; statementKey: string }>;
      /** Signed ahead by the caller: what the record states now, in place of the outdated ones. */
      replacements: NewCertificate[];
      reason: Exclude<RevocationReason, 'lot_revoked'>;
      detail: string;
      now: Date;
    }
  | { type: 'RevokeCertificatesOnLot'; subjectId: string; lotNumber: string; detail: string; now: Date };

export const certificateRecordDecider: Decider<CertificateCommand, CertificateRecordState, CertificateEvent> = {
  initialState: () => ({ certificates: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueCertificate': {
        if (state.certificates.some((c) => c.certificateId === command.certificate.certificateId || c.uvci === command.certificate.uvci)) {
          throw conflict('certificate_already_issued', 'This certificate was already issued.');
        }
        return [{ type: 'CertificateIssued', data: { ...command.certificate, replaces: [] } }];
      }
      case 'ReviseCertificates': {
        // Decided again on fresh state after a concurrent write: only what is still valid and unchanged is revoked.
        const outdated = command.outdated
          .map((o) => state.certificates.find((c) => c.certificateId === o.certificateId && c.status === 'valid' && c.statementKey === o.statementKey))
          .filter((c): c is CertificateView => !!c);
        if (outdated.length === 0) return [];
        const stillValid = new Set(state.certificates.filter((c) => c.status === 'valid' && !outdated.includes(c)).map((c) => c.statementKey));
        const replaces = outdated.map((c) => c.certificateId);
        const issued: CertificateEvent[] = command.replacements
          .filter((r) => !stillValid.has(r.statementKey))
          .map((r) => ({ type: 'CertificateIssued', data: { ...r, replaces } }));
        return [...outdated.map((c) => revocation(c, command.reason, command.detail, command.now)), ...issued];
      }
      case 'RevokeCertificatesOnLot':
        return state.certificates
          .filter((c) => c.status === 'valid' && c.lotNumber === command.lotNumber)
          .map((c) => revocation(c, 'lot_revoked', command.detail, command.now));
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CertificateIssued':
        return { certificates: [...state.certificates, { ...event.data, status: 'valid', revokedAt: null, revocationReason: null }] };
      case 'CertificateRevoked':
        return {
          certificates: state.certificates.map((c) =>
            c.certificateId === event.data.certificateId ? { ...c, status: 'revoked', revokedAt: event.data.revokedAt, revocationReason: event.data.reason } : c,
          ),
        };
      default:
        return state;
    }
  },
};

function revocation(certificate: CertificateView, reason: RevocationReason, detail: string, now: Date): CertificateRevoked {
  return {
    type: 'CertificateRevoked',
    data: { subjectId: certificate.subjectId, certificateId: certificate.certificateId, uvciHash: certificate.uvciHash, reason, detail, revokedAt: now.toISOString() },
  };
}

/** A lot is revoked once; the revocation is what later issuance checks. */
export const lotRevocationDecider: Decider<{ type: 'RevokeLot'; lotNumber: string; reason: string; now: Date }, { revoked: boolean }, LotRevoked> = {
  initialState: () => ({ revoked: false }),
  decide(command, state) {
    if (state.revoked) throw conflict('lot_already_revoked', 'This lot is already revoked.');
    return [{ type: 'LotRevoked', data: { lotNumber: command.lotNumber, reason: command.reason, revokedAt: command.now.toISOString() } }];
  },
  evolve: (state, event) => (event.type === 'LotRevoked' ? { revoked: true } : state),
};

import { deciderSpec } from '@vaxledger/kernel';
import { certificateRecordDecider, lotRevocationDecider, type NewCertificate } from './certificate-record.decider';
import type { CertificateEvent } from './certificate-record.events';

const now = new Date('2022-01-10T03:00:00.000Z');
const certificate = (id: string, statementKey: string, lotNumber = 'FK1111'): NewCertificate => ({
  subjectId: 'subject-1',
  certificateId: id,
  uvci: `URN:UVCI:01:VN:MOH/${id.toUpperCase()}#A`,
  uvciHash: `hash-${id}`,
  hc1: `HC1:${id}`,
  statementKey,
  doseId: 'dose-2',
  lotNumber,
  vaccineCode: 'COMIRNATY',
  doseNumber: 2,
  issuedAt: now.toISOString(),
  expiresAt: '2023-01-10T03:00:00.000Z',
  kid: 'kid',
});
const issued = (c: NewCertificate, replaces: string[] = []): CertificateEvent => ({ type: 'CertificateIssued', data: { ...c, replaces } });
const revoked = (id: string, reason: 'statement_changed' | 'subject_merged' | 'lot_revoked', detail: string): CertificateEvent => ({
  type: 'CertificateRevoked',
  data: { subjectId: 'subject-1', certificateId: id, uvciHash: `hash-${id}`, reason, detail, revokedAt: now.toISOString() },
});
const spec = deciderSpec(certificateRecordDecider);

describe('a subject\'s certificates', () => {
  it('issues a certificate, and refuses the same certificate twice', () => {
    spec.given([]).when({ type: 'IssueCertificate', certificate: certificate('c1', 'k1') }).then([issued(certificate('c1', 'k1'))]);
    spec.given([issued(certificate('c1', 'k1'))]).when({ type: 'IssueCertificate', certificate: certificate('c1', 'k1') }).thenThrows('certificate_already_issued');
  });

  it('revokes an outdated certificate and issues its replacement in the same decision', () => {
    spec
      .given([issued(certificate('c1', 'k1'))])
      .when({ type: 'ReviseCertificates', subjectId: 'subject-1', outdated: [{ certificateId: 'c1', statementKey: 'k1' }], replacements: [certificate('c2', 'k2')], reason: 'statement_changed', detail: 'corrected', now })
      .then([revoked('c1', 'statement_changed', 'corrected'), issued(certificate('c2', 'k2'), ['c1'])]);
  });

  it('decides nothing when the outdated certificate was revoked meanwhile (a retried or replayed revision)', () => {
    spec
      .given([issued(certificate('c1', 'k1')), revoked('c1', 'statement_changed', 'corrected'), issued(certificate('c2', 'k2'), ['c1'])])
      .when({ type: 'ReviseCertificates', subjectId: 'subject-1', outdated: [{ certificateId: 'c1', statementKey: 'k1' }], replacements: [certificate('c3', 'k2')], reason: 'statement_changed', detail: 'corrected', now })
      .then([]);
  });

  it('does not issue a replacement that a still valid certificate already states', () => {
    spec
      .given([issued(certificate('c1', 'k1')), issued(certificate('c2', 'k2'))])
      .when({ type: 'ReviseCertificates', subjectId: 'subject-1', outdated: [{ certificateId: 'c1', statementKey: 'k1' }], replacements: [certificate('c3', 'k2')], reason: 'statement_changed', detail: 'voided', now })
      .then([revoked('c1', 'statement_changed', 'voided')]);
  });

  it('revokes without replacement when the holder was merged away', () => {
    spec
      .given([issued(certificate('c1', 'k1'))])
      .when({ type: 'ReviseCertificates', subjectId: 'subject-1', outdated: [{ certificateId: 'c1', statementKey: 'k1' }], replacements: [], reason: 'subject_merged', detail: 'merged', now })
      .then([revoked('c1', 'subject_merged', 'merged')]);
  });

  it('revokes only the valid certificates resting on a revoked lot', () => {
    spec
      .given([issued(certificate('c1', 'k1', 'LOT-A')), issued(certificate('c2', 'k2', 'LOT-B')), issued(certificate('c3', 'k3', 'LOT-A')), revoked('c3', 'statement_changed', 'corrected')])
      .when({ type: 'RevokeCertificatesOnLot', subjectId: 'subject-1', lotNumber: 'LOT-A', detail: 'cold chain', now })
      .then([revoked('c1', 'lot_revoked', 'cold chain')]);
  });
});

describe('a revoked lot', () => {
  const lots = deciderSpec(lotRevocationDecider);
  it('is revoked once', () => {
    lots.given([]).when({ type: 'RevokeLot', lotNumber: 'LOT-A', reason: 'cold chain', now }).then([{ type: 'LotRevoked', data: { lotNumber: 'LOT-A', reason: 'cold chain', revokedAt: now.toISOString() } }]);
    lots.given([{ type: 'LotRevoked', data: { lotNumber: 'LOT-A', reason: 'x', revokedAt: now.toISOString() } }]).when({ type: 'RevokeLot', lotNumber: 'LOT-A', reason: 'again', now }).thenThrows('lot_already_revoked');
  });
});

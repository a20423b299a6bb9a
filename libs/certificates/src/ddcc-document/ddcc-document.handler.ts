import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { notFound } from '@vaxledger/kernel';
import type { CertificateAccessLog } from '../certificate-access-log';
import type { CertificateRecords } from '../certificate-records';
import { requireCertificateReader } from '../certificate-scope';
import type { DigitalCovidCertificate } from '../domain/dcc-payload';
import { decodeHcert } from '../domain/hcert';
import { ddccVaccinationDocument } from './ddcc-document';

export class DdccDocumentHandler {
  constructor(
    private readonly records: CertificateRecords,
    private readonly accessLog: CertificateAccessLog,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, certificateId: string) {
    const holder = await this.records.holderOrThrow(subjectId);
    requireCertificateReader(principal, holder.provinceCode);
    const certificate = (await this.records.list(subjectId)).find((c) => c.certificateId === certificateId);
    if (!certificate) throw notFound('certificate_not_found', 'No certificate with this id for this subject.');
    await this.accessLog.record(principal, origin, 'certificate.fhir', [subjectId]);
    // Like the PDF: what the certificate itself states, not today's record.
    const dcc = decodeHcert(certificate.hc1).dcc as unknown as DigitalCovidCertificate;
    return ddccVaccinationDocument(dcc, certificate);
  }
}

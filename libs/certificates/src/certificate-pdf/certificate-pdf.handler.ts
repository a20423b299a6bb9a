import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { findVaccine, type VaccineCatalogue } from '@vaxledger/immunization';
import { notFound } from '@vaxledger/kernel';
import type { CertificateAccessLog } from '../certificate-access-log';
import type { CertificateRecords } from '../certificate-records';
import { requireCertificateReader } from '../certificate-scope';
import { certificateQrPng } from '../domain/certificate-qr';
import type { DigitalCovidCertificate } from '../domain/dcc-payload';
import { decodeHcert } from '../domain/hcert';
import { certificatePdf } from './certificate-document';

export class CertificatePdfHandler {
  constructor(
    private readonly records: CertificateRecords,
    private readonly accessLog: CertificateAccessLog,
    private readonly catalogue: VaccineCatalogue,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, certificateId: string): Promise<Buffer> {
    const holder = await this.records.holderOrThrow(subjectId);
    requireCertificateReader(principal, holder.provinceCode);
    const certificate = (await this.records.list(subjectId)).find((c) => c.certificateId === certificateId);
    if (!certificate) throw notFound('certificate_not_found', 'No certificate with this id for this subject.');
    await this.accessLog.record(principal, origin, 'certificate.pdf', [subjectId]);
    // The document prints what the certificate states (its own signed payload), not today's record.
    const dcc = decodeHcert(certificate.hc1).dcc as unknown as DigitalCovidCertificate;
    return certificatePdf({
      dcc,
      fullName: [dcc.nam.fn, dcc.nam.gn].filter(Boolean).join(' '),
      vaccineName: findVaccine(this.catalogue, certificate.vaccineCode)?.name ?? certificate.vaccineCode,
      status: certificate.status,
      issuedAt: certificate.issuedAt,
      expiresAt: certificate.expiresAt,
      qrPng: await certificateQrPng(certificate.hc1, 600),
    });
  }
}

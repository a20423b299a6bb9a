import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { CertificateRecords } from '../certificate-records';
import { requireCertificateIssuer } from '../certificate-scope';
import { certificateQrPng } from '../domain/certificate-qr';
import type { IssueCertificateInput, IssuedCertificateAnswer } from './issue-certificate.command';

export class IssueCertificateHandler {
  constructor(private readonly records: CertificateRecords) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, _input: IssueCertificateInput): Promise<IssuedCertificateAnswer> {
    requireCertificateIssuer(principal);
    const now = this.records.clockNow;
    const issued = await this.records.issue(subjectId, {
      actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
      now,
      correlationId: origin.correlationId,
    });
    return {
      certificateId: issued.certificateId,
      uvci: issued.uvci,
      hc1: issued.hc1,
      qrPng: (await certificateQrPng(issued.hc1)).toString('base64'),
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt,
    };
  }
}

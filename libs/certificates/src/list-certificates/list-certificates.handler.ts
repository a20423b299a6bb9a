import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { listItem } from '../certificate-answers';
import type { CertificateAccessLog } from '../certificate-access-log';
import type { CertificateRecords } from '../certificate-records';
import { requireCertificateReader } from '../certificate-scope';
import type { CertificateListAnswer } from './list-certificates.answer';

export class ListCertificatesHandler {
  constructor(
    private readonly records: CertificateRecords,
    private readonly accessLog: CertificateAccessLog,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string): Promise<CertificateListAnswer> {
    const holder = await this.records.holderOrThrow(subjectId);
    requireCertificateReader(principal, holder.provinceCode);
    await this.accessLog.record(principal, origin, 'certificates.list', [subjectId]);
    const certificates = await this.records.list(subjectId);
    return { items: [...certificates].reverse().map(listItem) };
  }
}

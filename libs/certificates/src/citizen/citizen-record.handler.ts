import type { RequestOrigin } from '@vaxledger/auth';
import { findVaccine, type VaccineCatalogue } from '@vaxledger/immunization';
import { DomainError } from '@vaxledger/kernel';
import { listItem } from '../certificate-answers';
import type { CertificateAccessLog } from '../certificate-access-log';
import type { CertificateRecords } from '../certificate-records';
import type { CitizenRecordAnswer } from './citizen-lookup.command';
import { citizenActor } from './citizen-lookup.handler';

/** The citizen's own record: their doses and certificates, nothing of anyone else. Audited. */
export class CitizenRecordHandler {
  constructor(
    private readonly records: CertificateRecords,
    private readonly accessLog: CertificateAccessLog,
    private readonly catalogue: VaccineCatalogue,
  ) {}

  async execute(origin: RequestOrigin, subjectId: string): Promise<CitizenRecordAnswer> {
    const holder = await this.records.holderOrThrow(subjectId);
    if (holder.status !== 'active') throw new DomainError('unauthenticated', 'citizen_token_invalid', 'This record was merged; ask for a new code.');
    await this.accessLog.record(citizenActor, origin, 'citizen.record', [subjectId]);
    const doses = await this.records.doses(subjectId);
    const certificates = await this.records.list(subjectId);
    return {
      fullName: holder.fullName,
      dateOfBirth: holder.dateOfBirth,
      doses: doses.map((d) => ({
        doseId: d.doseId,
        vaccineCode: d.vaccineCode,
        vaccineName: findVaccine(this.catalogue, d.vaccineCode)?.name ?? d.vaccineCode,
        doseNumber: d.doseNumber,
        date: d.administeredAt.slice(0, 10),
        status: d.status,
      })),
      certificates: [...certificates].reverse().map(listItem),
    };
  }
}

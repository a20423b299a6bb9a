import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type Clock } from '@vaxledger/kernel';
import type { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import { requireRecordReader } from '../access/immunization-scope';
import { admittedPurpose } from '../access/cross-facility-read';
import type { RecordAccessLog } from '../access/record-access-log';
import { doseHistory } from '../domain/dose-record.decider';
import { immunizationStreamId } from '../domain/immunization-record.events';
import { findVaccine, type VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { ImmunizationRecords } from '../immunization-records';

/** The dose history is read from the record's own stream: a dose just recorded is always in it. */
export class DoseHistoryHandler {
  constructor(
    private readonly catalogue: VaccineCatalogue,
    private readonly records: ImmunizationRecords,
    private readonly accessLog: RecordAccessLog,
    private readonly crossFacilityReads: CrossFacilityReadGate,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string) {
    const now = this.clock.now();
    const { state, events } = await this.records.load(immunizationStreamId(subjectId));
    requireRecordReader(principal, state.facts?.provinceCode ?? null);
    const purpose = await admittedPurpose(this.crossFacilityReads, principal, origin, state, events.length, now);
    await this.accessLog.recordRead(principal, origin, subjectId, 'dose-history', purpose);
    return {
      subjectId,
      items: doseHistory(state).map((dose) => ({
        doseId: dose.doseId,
        vaccineCode: dose.vaccineCode,
        vaccineName: findVaccine(this.catalogue, dose.vaccineCode)?.name ?? dose.vaccineCode,
        seriesGroup: dose.seriesGroup,
        doseNumber: dose.doseNumber,
        administeredAt: dose.administeredAt,
        lotNumber: dose.lotNumber,
        facilityId: dose.facilityId,
        planId: dose.planId,
        site: dose.site,
        route: dose.route,
        vaccinatorId: dose.vaccinatorId,
        status: dose.status,
        voidReason: dose.voidReason,
        corrections: dose.corrections,
        reactions: dose.reactions,
      })),
    };
  }
}

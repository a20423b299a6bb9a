import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import { requireRecordReader } from '../access/immunization-scope';
import { admittedPurpose } from '../access/cross-facility-read';
import { RecordAccessLog } from '../access/record-access-log';
import { VACCINE_CATALOGUE } from '../command-metadata';
import { doseHistory } from '../domain/dose-record.decider';
import { immunizationStreamId } from '../domain/immunization-record.events';
import { findVaccine, type VaccineCatalogue } from '../domain/vaccine-catalogue';
import { ImmunizationRecords } from '../immunization-records';

/** The dose history is read from the record's own stream: a dose just recorded is always in it. */
@Injectable()
export class DoseHistoryHandler {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    @Inject(VACCINE_CATALOGUE) private readonly catalogue: VaccineCatalogue,
    private readonly records: ImmunizationRecords,
    private readonly accessLog: RecordAccessLog,
    private readonly crossFacilityReads: CrossFacilityReadGate,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string) {
    const now = this.infra.clock.now();
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

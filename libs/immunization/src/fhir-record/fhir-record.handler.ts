import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type Clock } from '@vaxledger/kernel';
import type { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import { entitledToFullPersonalData, requireRecordReader } from '../access/immunization-scope';
import { admittedPurpose } from '../access/cross-facility-read';
import type { RecordAccessLog } from '../access/record-access-log';
import { immunizationStreamId } from '../domain/immunization-record.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { ImmunizationRecords } from '../immunization-records';
import { immunizationBundle } from './immunization-fhir-bundle';

export class FhirRecordHandler {
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
    await this.accessLog.recordRead(principal, origin, subjectId, 'fhir-bundle', purpose);
    return immunizationBundle(subjectId, state, this.catalogue, {
      fullPersonalData: entitledToFullPersonalData(principal),
      now,
    });
  }
}

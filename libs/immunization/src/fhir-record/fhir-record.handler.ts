import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { entitledToFullPersonalData, requireRecordReader } from '../access/immunization-scope';
import { admittedPurpose } from '../access/cross-facility-read';
import { RecordAccessLog } from '../access/record-access-log';
import { VACCINE_CATALOGUE } from '../command-metadata';
import { immunizationStreamId } from '../domain/immunization-record.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import { ImmunizationRecords } from '../immunization-records';
import { immunizationBundle } from './immunization-fhir-bundle';

@Injectable()
export class FhirRecordHandler {
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
    await this.accessLog.recordRead(principal, origin, subjectId, 'fhir-bundle', purpose);
    return immunizationBundle(subjectId, state, this.catalogue, {
      fullPersonalData: entitledToFullPersonalData(principal),
      now,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { notFound } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { requireDoseHistoryUpdate } from '../access/immunization-scope';
import { commandMetadata, VACCINE_CATALOGUE } from '../command-metadata';
import { type DoseSnapshot, immunizationStreamId } from '../domain/immunization-record.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import { ImmunizationRecords } from '../immunization-records';
import type { CorrectDoseInput } from './correct-dose.command';

@Injectable()
export class CorrectDoseHandler {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    @Inject(VACCINE_CATALOGUE) private readonly catalogue: VaccineCatalogue,
    private readonly records: ImmunizationRecords,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, input: CorrectDoseInput) {
    const stream = immunizationStreamId(subjectId);
    const { state } = await this.records.load(stream);
    const dose = state.doses.find((d) => d.doseId === doseId);
    if (!dose) throw notFound('dose_not_found', 'No such dose on this subject’s record.');
    requireDoseHistoryUpdate(principal, dose.facilityId, state.facts?.managingFacilityId ?? null);
    const { reason, ...changes } = input;
    const now = this.infra.clock.now();
    const result = await this.records.handle(
      stream,
      { type: 'CorrectDose', subjectId, doseId, changes, reason, catalogue: this.catalogue, now },
      commandMetadata(principal, origin, now),
    );
    const current = result.state.doses.find((d) => d.doseId === doseId)!;
    const corrected = result.events[0]?.data as (DoseSnapshot & { changedFields: string[] }) | undefined;
    return { doseId, doseNumber: current.doseNumber, status: current.status, changedFields: corrected?.changedFields ?? [] };
  }
}

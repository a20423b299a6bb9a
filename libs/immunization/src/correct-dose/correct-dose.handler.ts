import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { commandMetadata, type Clock, notFound } from '@vaxledger/kernel';
import { requireDoseHistoryUpdate } from '../access/immunization-scope';
import { type DoseSnapshot, immunizationStreamId } from '../domain/immunization-record.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { ImmunizationRecords } from '../immunization-records';
import { correctDoseSchema } from './correct-dose.command';

export class CorrectDoseHandler {
  constructor(
    private readonly catalogue: VaccineCatalogue,
    private readonly records: ImmunizationRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, body: unknown) {
    const input = parseInput(correctDoseSchema, body);
    const stream = immunizationStreamId(subjectId);
    const { state } = await this.records.load(stream);
    const dose = state.doses.find((d) => d.doseId === doseId);
    if (!dose) throw notFound('dose_not_found', 'No such dose on this subject’s record.');
    requireDoseHistoryUpdate(principal, dose.facilityId, state.facts?.managingFacilityId ?? null);
    const { reason, ...changes } = input;
    const now = this.clock.now();
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

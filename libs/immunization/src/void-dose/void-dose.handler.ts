import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { commandMetadata, type Clock, notFound } from '@vaxledger/kernel';
import { requireDoseHistoryUpdate } from '../access/immunization-scope';
import { immunizationStreamId } from '../domain/immunization-record.events';
import type { ImmunizationRecords } from '../immunization-records';
import { voidDoseSchema } from './void-dose.command';

export class VoidDoseHandler {
  constructor(
    private readonly records: ImmunizationRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, body: unknown) {
    const input = parseInput(voidDoseSchema, body);
    const stream = immunizationStreamId(subjectId);
    const { state } = await this.records.load(stream);
    const dose = state.doses.find((d) => d.doseId === doseId);
    if (!dose) throw notFound('dose_not_found', 'No such dose on this subject’s record.');
    requireDoseHistoryUpdate(principal, dose.facilityId, state.facts?.managingFacilityId ?? null);
    await this.records.handle(
      stream,
      { type: 'VoidDose', subjectId, doseId, reason: input.reason },
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { doseId, status: 'voided' as const };
  }
}

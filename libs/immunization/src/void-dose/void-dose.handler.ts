import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { notFound } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { requireDoseHistoryUpdate } from '../access/immunization-scope';
import { commandMetadata } from '../command-metadata';
import { immunizationStreamId } from '../domain/immunization-record.events';
import { ImmunizationRecords } from '../immunization-records';
import type { VoidDoseInput } from './void-dose.command';

@Injectable()
export class VoidDoseHandler {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    private readonly records: ImmunizationRecords,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, input: VoidDoseInput) {
    const stream = immunizationStreamId(subjectId);
    const { state } = await this.records.load(stream);
    const dose = state.doses.find((d) => d.doseId === doseId);
    if (!dose) throw notFound('dose_not_found', 'No such dose on this subject’s record.');
    requireDoseHistoryUpdate(principal, dose.facilityId, state.facts?.managingFacilityId ?? null);
    await this.records.handle(
      stream,
      { type: 'VoidDose', subjectId, doseId, reason: input.reason },
      commandMetadata(principal, origin, this.infra.clock.now()),
    );
    return { doseId, status: 'voided' as const };
  }
}

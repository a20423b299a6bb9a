import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { newId } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { requireReactionReport } from '../access/immunization-scope';
import { commandMetadata } from '../command-metadata';
import { immunizationStreamId } from '../domain/immunization-record.events';
import { ImmunizationRecords } from '../immunization-records';
import type { ReportReactionInput } from './report-reaction.command';

@Injectable()
export class ReportReactionHandler {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    private readonly records: ImmunizationRecords,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, input: ReportReactionInput) {
    requireReactionReport(principal);
    const reactionId = newId();
    const now = this.infra.clock.now();
    await this.records.handle(
      immunizationStreamId(subjectId),
      {
        type: 'ReportAdverseReaction',
        subjectId,
        doseId,
        reactionId,
        ...input,
        reportedBy: principal.accountId,
        reportingFacilityId: principal.facilityId,
        now,
      },
      commandMetadata(principal, origin, now),
    );
    return { reactionId, doseId };
  }
}

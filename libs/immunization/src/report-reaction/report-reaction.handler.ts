import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { commandMetadata, type Clock, newId } from '@vaxledger/kernel';
import { requireReactionReport } from '../access/immunization-scope';
import { immunizationStreamId } from '../domain/immunization-record.events';
import type { ImmunizationRecords } from '../immunization-records';
import { reportReactionSchema } from './report-reaction.command';

export class ReportReactionHandler {
  constructor(
    private readonly records: ImmunizationRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, doseId: string, body: unknown) {
    const input = parseInput(reportReactionSchema, body);
    requireReactionReport(principal);
    const reactionId = newId();
    const now = this.clock.now();
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

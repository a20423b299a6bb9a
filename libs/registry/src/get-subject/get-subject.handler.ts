import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import type { Clock, ReadModelCollection } from '@vaxledger/kernel';
import type { AccessRecorder } from '../access-records/access-recorder';
import { subjectNotFound } from '../domain/registry-errors';
import { summariseDoses } from '../read-models/dose-summaries.consumer';
import type { DoseSummaryDocument } from '../read-models/registry-collections';
import { requireProvinceOfSubject, requireRecordReader } from '../registry-scope';
import type { LoadedSubject, SubjectStreams } from '../subject-streams';
import type { SubjectRecord } from './get-subject.query';

/**
 * The full record, folded from the subject's own stream (so a record is readable the moment it was written,
 * and plain personal data needs no second copy in a read model). A merged-away id answers 200 with the
 * surviving record and `mergedInto`. A record another facility manages needs a purpose and counts against the
 * caller's hourly quota of such reads (CrossFacilityReadGate).
 */
export class GetSubjectHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly doseSummaries: ReadModelCollection<DoseSummaryDocument>,
    private readonly access: AccessRecorder,
    private readonly crossFacilityReads: CrossFacilityReadGate,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string): Promise<SubjectRecord> {
    requireRecordReader(principal);
    const requested = await this.streams.load(subjectId);
    if (requested.state.status === 'unregistered') throw subjectNotFound();
    let shown: LoadedSubject = requested;
    const mergedInto = requested.state.status === 'merged' ? requested.state.mergedInto : null;
    if (mergedInto) {
      shown = await this.streams.load(mergedInto);
      if (shown.state.status !== 'active') throw subjectNotFound();
    }
    const { state, events } = shown;
    requireProvinceOfSubject(principal, state.managingProvinceCode);
    const now = this.clock.now();
    const { purpose } = await this.crossFacilityReads.admit(principal, origin.purpose, state.managingFacilityId, now);
    const doseDocs = await this.doseSummaries.find({ id: { $in: [state.subjectId!, ...state.absorbedDuplicates] } });
    const doses = Object.assign({}, ...doseDocs.map((doc) => doc.doses));
    await this.access.record(principal, origin, now, {
      action: 'subject.read',
      subjectIds: [subjectId, state.subjectId!],
      purpose,
    });
    const profile = state.profile!;
    return {
      subjectId: state.subjectId!,
      ...profile,
      managingFacilityId: state.managingFacilityId!,
      managingProvinceCode: state.managingProvinceCode,
      creatingFacilityId: state.creatingFacilityId!,
      registeredAt: events[0].metadata.occurredAt,
      updatedAt: events[events.length - 1].metadata.occurredAt,
      mergedInto,
      requestedSubjectId: subjectId,
      mergedSubjectIds: state.absorbedDuplicates,
      pendingTransfer: state.pendingTransfer
        ? {
            requestId: state.pendingTransfer.requestId,
            fromFacilityId: state.pendingTransfer.fromFacilityId,
            toFacilityId: state.pendingTransfer.toFacilityId,
            requestedByFacilityId: state.pendingTransfer.requestedByFacilityId,
          }
        : null,
      doseSummary: summariseDoses({ id: state.subjectId!, version: 0, doses }),
    };
  }
}

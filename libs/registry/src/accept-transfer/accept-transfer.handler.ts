import { hasRole, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock, type ReadModelCollection } from '@vaxledger/kernel';
import { subjectMerged, subjectNotFound, transferNotFound } from '../domain/registry-errors';
import type { TransferDecider } from '../domain/subject.decider';
import type { FacilityDirectoryDocument } from '../read-models/registry-collections';
import { requireSubjectManager } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';

/**
 * POST /subjects/:id/transfer-requests/:requestId/accept: accepted only by the giving side — the managing
 * facility (unless it asked itself), the province admin of the managing facility's province, or the national
 * admin. The decider enforces it; this handler says who the caller is.
 */
export class AcceptTransferHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    origin: RequestOrigin,
    subjectId: string,
    requestId: string,
  ): Promise<{ subjectId: string; managingFacilityId: string }> {
    const { state } = await this.streams.load(subjectId);
    if (state.status === 'unregistered') throw subjectNotFound();
    if (state.status === 'merged') throw subjectMerged(state.mergedInto!);
    const pending = state.pendingTransfer;
    if (!pending || pending.requestId !== requestId) throw transferNotFound();
    const receivingProvince = pending.toProvinceCode ?? (await this.facilities.get(pending.toFacilityId))?.provinceCode ?? null;

    // The receiving facility never decides, so its province comes from the request or the facility directory.
    const managingProvinceCode = receivingProvince ?? state.managingProvinceCode;
    // A refused take-over (403 out_of_scope) is recorded as a denial where the handler is composed.
    const result = await this.streams.handle(
      subjectId,
      { type: 'AcceptManagementTransfer', requestId, decidedBy: this.deciderOf(principal), managingProvinceCode },
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { subjectId, managingFacilityId: result.state.managingFacilityId! };
  }

  private deciderOf(principal: Principal): TransferDecider {
    if (hasRole(principal, 'national_admin')) return { kind: 'national' };
    if (hasRole(principal, 'province_admin')) {
      if (principal.provinceCode === null) throw outOfScope('This account administers no province.');
      return { kind: 'province', provinceCode: principal.provinceCode };
    }
    requireSubjectManager(principal);
    return { kind: 'facility', facilityId: principal.facilityId };
  }
}

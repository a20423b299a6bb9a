import { hasRole, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { newId, type Clock, type ReadModelCollection } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import type { AccessRecorder } from '../access-records/access-recorder';
import { isDomainError, subjectMerged, subjectNotFound, transferNotFound } from '../domain/registry-errors';
import type { TransferDecider } from '../domain/subject.decider';
import type { FacilityDirectoryDocument } from '../read-models/registry-collections';
import { commandMetadata, requireSubjectManager } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { requestTransferSchema } from './transfer-management.command';

/**
 * Transfer of management: asked by the managing facility or by the receiving one; accepted only by the giving
 * side — the managing facility (unless it asked itself), the province admin of the managing facility's province,
 * or the national admin. The decider enforces it; this handler says who the caller is.
 */
export class TransferManagementHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>,
    private readonly access: AccessRecorder,
    private readonly clock: Clock,
  ) {}

  async request(principal: Principal, origin: RequestOrigin, subjectId: string, body: unknown): Promise<{ requestId: string }> {
    requireSubjectManager(principal);
    const { toFacilityId } = parseInput(requestTransferSchema, body);
    const toProvinceCode =
      principal.facilityId === toFacilityId ? principal.provinceCode : ((await this.facilities.get(toFacilityId))?.provinceCode ?? null);
    const requestId = newId();
    await this.streams.handle(
      subjectId,
      { type: 'RequestManagementTransfer', requestId, toFacilityId, toProvinceCode, requestedByFacilityId: principal.facilityId },
      commandMetadata(principal, origin, this.clock),
    );
    return { requestId };
  }

  async accept(
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
    try {
      const result = await this.streams.handle(
        subjectId,
        { type: 'AcceptManagementTransfer', requestId, decidedBy: this.deciderOf(principal), managingProvinceCode },
        commandMetadata(principal, origin, this.clock),
      );
      return { subjectId, managingFacilityId: result.state.managingFacilityId! };
    } catch (error) {
      // A refused take-over is recorded before the refusal is answered: it is what an auditor looks for.
      if (isDomainError(error, 'out_of_scope')) {
        await this.access.record(principal, origin, this.clock.now(), {
          action: 'subject.transfer.accept',
          subjectIds: [subjectId],
          deniedWith: 'out_of_scope',
        });
      }
      throw error;
    }
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

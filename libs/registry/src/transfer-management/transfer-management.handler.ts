import { hasRole, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { newId, type Clock, type ReadModelCollection } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { subjectMerged, subjectNotFound, transferNotFound } from '../domain/registry-errors';
import type { TransferDecider } from '../domain/subject.decider';
import type { FacilityDirectoryDocument } from '../read-models/registry-collections';
import { commandMetadata, requireSubjectManager } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { requestTransferSchema } from './transfer-management.command';

/**
 * Transfer of management: asked by the managing facility or by the receiving one, accepted by the other
 * facility, or decided by the province admin (of either facility's province) or the national admin.
 */
export class TransferManagementHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>,
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

    let decidedBy: TransferDecider;
    let managingProvinceCode: string | null;
    if (hasRole(principal, 'national_admin')) {
      decidedBy = { kind: 'national' };
      managingProvinceCode = receivingProvince ?? state.managingProvinceCode;
    } else if (hasRole(principal, 'province_admin')) {
      if (principal.provinceCode === null || ![state.managingProvinceCode, receivingProvince].includes(principal.provinceCode)) {
        throw outOfScope('Neither facility of this transfer is in your province.');
      }
      decidedBy = { kind: 'province' };
      managingProvinceCode = receivingProvince ?? state.managingProvinceCode;
    } else {
      requireSubjectManager(principal);
      decidedBy = { kind: 'facility', facilityId: principal.facilityId };
      managingProvinceCode =
        principal.facilityId === pending.toFacilityId ? principal.provinceCode : (receivingProvince ?? state.managingProvinceCode);
    }
    const result = await this.streams.handle(
      subjectId,
      { type: 'AcceptManagementTransfer', requestId, decidedBy, managingProvinceCode },
      commandMetadata(principal, origin, this.clock),
    );
    return { subjectId, managingFacilityId: result.state.managingFacilityId! };
  }
}

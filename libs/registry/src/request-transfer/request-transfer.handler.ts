import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, newId, type Clock, type ReadModelCollection } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import type { FacilityDirectoryDocument } from '../read-models/registry-collections';
import { requireSubjectManager } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { requestTransferSchema } from './request-transfer.command';

/**
 * POST /subjects/:id/transfer-requests: asked by the managing facility or by the receiving one. Only the giving
 * side accepts (see AcceptTransferHandler); the decider enforces who may.
 */
export class RequestTransferHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, body: unknown): Promise<{ requestId: string }> {
    requireSubjectManager(principal);
    const { toFacilityId } = parseInput(requestTransferSchema, body);
    const toProvinceCode =
      principal.facilityId === toFacilityId ? principal.provinceCode : ((await this.facilities.get(toFacilityId))?.provinceCode ?? null);
    const requestId = newId();
    await this.streams.handle(
      subjectId,
      { type: 'RequestManagementTransfer', requestId, toFacilityId, toProvinceCode, requestedByFacilityId: principal.facilityId },
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { requestId };
  }
}

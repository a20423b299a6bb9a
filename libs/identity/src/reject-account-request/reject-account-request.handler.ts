/** The province rejects what is still pending in a request, with a reason the facility can read. */
import { type AccessDenials, administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { rejectAccountRequestSchema } from './reject-account-request.command';
import { requestStatus } from '../domain/account-request.decider';
import { identityStreams } from '../identity-streams';
import type { IdentityWriteModel } from '../identity-write-model';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export class RejectAccountRequestHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, requestId: string, body: unknown) {
    const command = parseInput(rejectAccountRequestSchema, body);
    const request = await this.write.request(requestId);
    await this.denials.enforce(
      principal,
      'identity.account_request.reject',
      { requestId, facilityId: request.facilityId!, provinceCode: request.provinceCode! },
      origin.correlationId,
      () => administersProvince(principal, request.provinceCode!),
    );
    const meta = commandMetadata(principal, origin, this.clock.now());
    const result = await this.write.requests.handle(
      identityStreams.accountRequest(requestId),
      { type: 'RejectRemaining', reason: command.reason, rejectedBy: principal.accountId, now: meta.now },
      meta,
    );
    return { requestId, status: requestStatus(result.state.itemStatus) };
  }
}

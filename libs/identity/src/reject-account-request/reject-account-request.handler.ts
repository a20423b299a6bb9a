/** The province rejects what is still pending in a request, with a reason the facility can read. */
import { Inject, Injectable } from '@nestjs/common';
import { administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { z } from 'zod';
import { metadataFor } from '../command-metadata';
import { requestStatus } from '../domain/account-request.decider';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';

export const rejectAccountRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) });

@Injectable()
export class RejectAccountRequestHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, requestId: string, command: z.infer<typeof rejectAccountRequestSchema>, origin: RequestOrigin) {
    const request = await this.ctx.write.request(requestId);
    await this.ctx.denials.enforce(
      principal,
      'identity.account_request.reject',
      { requestId, facilityId: request.facilityId!, provinceCode: request.provinceCode! },
      origin.correlationId,
      () => administersProvince(principal, request.provinceCode!),
    );
    const meta = metadataFor(principal, this.ctx.clock.now(), origin);
    const result = await this.ctx.write.requests.handle(
      identityStreams.accountRequest(requestId),
      { type: 'RejectRemaining', reason: command.reason, rejectedBy: principal.accountId, now: meta.now },
      meta,
    );
    return { requestId, status: requestStatus(result.state.itemStatus) };
  }
}

/**
 * A facility submits the staff who should get accounts (R4). Usernames must be free now; they are reserved
 * only when the province approves. Each person gets their future account id here.
 */
import { Inject, Injectable } from '@nestjs/common';
import { administersFacility, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { newId, validationError } from '@vaxledger/kernel';
import { metadataFor } from '../command-metadata';
import { usernameTaken } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';
import type { SubmitAccountRequestCommand } from './submit-account-request.command';

@Injectable()
export class SubmitAccountRequestHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, command: SubmitAccountRequestCommand, origin: RequestOrigin): Promise<{ requestId: string }> {
    const { ctx } = this;
    const facility = await ctx.write.facility(command.facilityId);
    await ctx.denials.enforce(
      principal,
      'identity.account_request.submit',
      { facilityId: facility.facilityId, provinceCode: facility.provinceCode },
      origin.correlationId,
      () => administersFacility(principal, facility),
    );
    const usernames = command.staff.map((m) => m.username);
    const repeated = usernames.filter((u, i) => usernames.indexOf(u) !== i);
    if (repeated.length) throw validationError('duplicate_username', 'A username appears twice in the list.', { usernames: [...new Set(repeated)] });
    const owners = await Promise.all(usernames.map((u) => ctx.write.accountIdForUsername(u)));
    const taken = usernames.filter((_, i) => owners[i] !== null);
    if (taken.length) throw usernameTaken(taken);

    const requestId = newId();
    const meta = metadataFor(principal, ctx.clock.now(), origin);
    await ctx.write.requests.handle(
      identityStreams.accountRequest(requestId),
      {
        type: 'SubmitAccountRequest',
        requestId,
        facilityId: facility.facilityId,
        provinceCode: facility.provinceCode,
        submittedBy: principal.accountId,
        staff: command.staff.map((m) => ({ ...m, accountId: newId() })),
        now: meta.now,
      },
      meta,
    );
    return { requestId };
  }
}

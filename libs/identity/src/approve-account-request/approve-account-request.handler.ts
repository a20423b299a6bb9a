/**
 * The province health department grants the accounts (R5): all pending items, or the ones named by index or
 * username. Only the province admin of the facility's own province (or the national admin) may; anyone
 * else is refused and the attempt recorded.
 */
import { type AccessDenials, administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { approveAccountRequestSchema } from './approve-account-request.command';
import { requestStatus, selectPendingItems } from '../domain/account-request.decider';
import { usernameTaken } from '../domain/identity-errors';
import { identityStreams } from '../identity-streams';
import type { IdentityWriteModel } from '../identity-write-model';
import type { AccountGranting } from '../granting/grant-account';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export class ApproveAccountRequestHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly granting: AccountGranting,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, requestId: string, body: unknown) {
    const command = parseInput(approveAccountRequestSchema, body);
    const request = await this.write.request(requestId);
    await this.denials.enforce(
      principal,
      'identity.account_request.approve',
      { requestId, facilityId: request.facilityId!, provinceCode: request.provinceCode! },
      origin.correlationId,
      () => administersProvince(principal, request.provinceCode!),
    );
    const indexes = selectPendingItems(request, command.items);
    // Every username must still be free (or already this item's, after an interrupted approval) before any grant.
    const owners = await Promise.all(indexes.map((i) => this.write.accountIdForUsername(request.staff[i].username)));
    const taken = indexes.filter((i, n) => owners[n] !== null && owners[n] !== request.staff[i].accountId);
    if (taken.length) throw usernameTaken(taken.map((i) => request.staff[i].username));

    const meta = commandMetadata(principal, origin, this.clock.now());
    const approved: Array<{ index: number; username: string; accountId: string }> = [];
    for (const index of indexes) {
      const member = request.staff[index];
      await this.granting.grant(
        {
          accountId: member.accountId,
          username: member.username,
          role: 'staff',
          rights: member.rights,
          facilityId: request.facilityId,
          provinceCode: request.provinceCode,
          profile: {
            fullName: member.fullName,
            gender: member.gender,
            position: member.position,
            unit: member.unit,
            email: member.email,
            phone: member.phone,
          },
          requestId,
        },
        meta,
      );
      approved.push({ index, username: member.username, accountId: member.accountId });
    }
    const result = await this.write.requests.handle(
      identityStreams.accountRequest(requestId),
      { type: 'ApproveItems', indexes, approvedBy: principal.accountId, now: meta.now },
      meta,
    );
    return { requestId, status: requestStatus(result.state.itemStatus), approved };
  }
}

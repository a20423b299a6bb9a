/**
 * A facility submits the staff who should get accounts (R4). Usernames must be free now; they are reserved
 * only when the province approves. Each person gets their future account id here.
 */
import { type AccessDenials, administersFacility, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, newId, validationError, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { usernameTaken } from '../domain/identity-errors';
import { identityStreams } from '../identity-streams';
import { submitAccountRequestSchema } from './submit-account-request.command';
import type { IdentityWriteModel } from '../identity-write-model';

export class SubmitAccountRequestHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<{ requestId: string }> {
    const command = parseInput(submitAccountRequestSchema, body);
    const facility = await this.write.facility(command.facilityId);
    await this.denials.enforce(
      principal,
      'identity.account_request.submit',
      { facilityId: facility.facilityId, provinceCode: facility.provinceCode },
      origin.correlationId,
      () => administersFacility(principal, facility),
    );
    const usernames = command.staff.map((m) => m.username);
    const repeated = usernames.filter((u, i) => usernames.indexOf(u) !== i);
    if (repeated.length) throw validationError('duplicate_username', 'A username appears twice in the list.', { usernames: [...new Set(repeated)] });
    const owners = await Promise.all(usernames.map((u) => this.write.accountIdForUsername(u)));
    const taken = usernames.filter((_, i) => owners[i] !== null);
    if (taken.length) throw usernameTaken(taken);

    const requestId = newId();
    const meta = commandMetadata(principal, origin, this.clock.now());
    await this.write.requests.handle(
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

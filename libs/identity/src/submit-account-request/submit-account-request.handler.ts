/**
 * A facility submits the staff who should get accounts (R4). Usernames must be free now; they are reserved
 * only when the province approves. Each person gets their future account id here.
 */
import { type AccessDenials, administersFacility, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, newId, ruleBroken, type Clock } from '@vaxledger/kernel';
import { fieldProblems, parseInput } from '@vaxledger/runtime';
import { usernameTaken } from '../domain/identity-errors';
import { identityStreams } from '../identity-streams';
import { type SubmitAccountRequestCommand, submitAccountRequestSchema } from './submit-account-request.command';
import type { IdentityWriteModel } from '../identity-write-model';

export class SubmitAccountRequestHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly clock: Clock,
  ) {}

  /**
   * The CSV route: its lines become the staff list. A line the staff schema refuses is a problem inside the
   * uploaded text, so it answers 422 csv_line_invalid with the same details (`staff.<line>.<field>`).
   */
  async executeCsv(principal: Principal, origin: RequestOrigin, upload: { facilityId: string; staff: unknown[] }): Promise<{ requestId: string }> {
    const checked = submitAccountRequestSchema.safeParse(upload);
    if (!checked.success) throw ruleBroken('csv_line_invalid', 'A line of the CSV is not valid.', fieldProblems(checked.error));
    return this.submit(principal, origin, checked.data);
  }

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<{ requestId: string }> {
    return this.submit(principal, origin, parseInput(submitAccountRequestSchema, body));
  }

  private async submit(principal: Principal, origin: RequestOrigin, command: SubmitAccountRequestCommand): Promise<{ requestId: string }> {
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
    // A rule of the list, not of one item's shape: 422.
    if (repeated.length) throw ruleBroken('duplicate_username', 'A username appears twice in the list.', { usernames: [...new Set(repeated)] });
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

import { type AccessDenials, administersFacility, type Principal, type RequestOrigin } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import { presentRequest } from '../account-presentation';
import { requestNotFound } from '../domain/identity-errors';
import type { IdentityViews } from '../read-models/identity-views';
import type { StaffDataAccessLog } from '../scope/staff-data-access';

/** GET /account-requests/:id: one request, for the admins of its facility or province; each read leaves an access record. */
export class GetAccountRequestHandler {
  constructor(
    private readonly views: IdentityViews,
    private readonly denials: AccessDenials,
    private readonly staffDataAccess: StaffDataAccessLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, requestId: string) {
    const view = await (await this.views.requests()).get(requestId);
    if (!view) throw requestNotFound();
    await this.denials.enforce(
      principal,
      'identity.account_request.read',
      { requestId, facilityId: view.facilityId, provinceCode: view.provinceCode },
      origin.correlationId,
      () => administersFacility(principal, view),
    );
    await this.staffDataAccess.record(principal, origin, this.clock.now(), { action: 'identity.account_request.read', requestIds: [requestId] });
    return presentRequest(view);
  }
}

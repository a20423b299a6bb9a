/**
 * The province's review queue (R5): a province admin sees the requests of its own province only, a facility
 * admin those of its facility, the national admin every one.
 */
import { type AccessDenials, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { listAccountRequestsQuerySchema } from './list-account-requests.query';
import type { FieldFilter, Clock } from '@vaxledger/kernel';
import type { IdentityViews } from '../read-models/identity-views';
import { presentRequest } from '../account-presentation';
import type { StaffDataAccessLog } from '../scope/staff-data-access';

export class ListAccountRequestsHandler {
  constructor(
    private readonly views: IdentityViews,
    private readonly denials: AccessDenials,
    private readonly staffDataAccess: StaffDataAccessLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, request: unknown) {
    const query = parseInput(listAccountRequestsQuerySchema, request);
    const filter: FieldFilter = {};
    if (query.status) filter.status = query.status;
    if (query.facilityId) filter.facilityId = query.facilityId;
    if (query.provinceCode) filter.provinceCode = query.provinceCode;
    const target = { provinceCode: query.provinceCode, facilityId: query.facilityId };
    await this.denials.enforce(principal, 'identity.account_request.list', target, origin.correlationId, () => {
      if (isNational(principal)) return true;
      if (principal.role === 'province_admin') {
        if (query.provinceCode && query.provinceCode !== principal.provinceCode) return false;
        filter.provinceCode = principal.provinceCode;
        return true;
      }
      if (principal.role === 'facility_admin') {
        if (query.facilityId && query.facilityId !== principal.facilityId) return false;
        filter.facilityId = principal.facilityId;
        return true;
      }
      return false;
    });
    const items = await (await this.views.requests()).find(filter, { sort: [['submittedAt', -1]], limit: query.limit });
    await this.staffDataAccess.record(principal, origin, this.clock.now(), {
      action: 'identity.account_request.list',
      requestIds: items.map((i) => i.id),
      criteria: JSON.stringify({ status: query.status ?? null, provinceCode: query.provinceCode ?? null, facilityId: query.facilityId ?? null }),
    });
    return { items: items.map(presentRequest) };
  }
}

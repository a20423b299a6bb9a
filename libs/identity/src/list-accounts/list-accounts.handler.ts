/** Accounts within the caller's scope, e.g. those not reviewed since a date (periodic access review). */
import { type AccessDenials, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { listAccountsQuerySchema } from './list-accounts.query';
import { type FieldFilter, type Clock, rangeInstant } from '@vaxledger/kernel';
import type { AccountView, IdentityViews } from '../read-models/identity-views';
import type { StaffDataAccessLog } from '../scope/staff-data-access';
import type { AccountListAnswer } from './list-accounts.answer';

export class ListAccountsHandler {
  constructor(
    private readonly views: IdentityViews,
    private readonly denials: AccessDenials,
    private readonly staffDataAccess: StaffDataAccessLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, request: unknown): Promise<AccountListAnswer> {
    const query = parseInput(listAccountsQuerySchema, request);
    const filter: FieldFilter = {};
    if (query.provinceCode) filter.provinceCode = query.provinceCode;
    if (query.facilityId) filter.facilityId = query.facilityId;
    if (query.role) filter.role = query.role;
    await this.denials.enforce(
      principal,
      'identity.account.list',
      { provinceCode: query.provinceCode, facilityId: query.facilityId },
      origin.correlationId,
      () => {
        if (isNational(principal) || (principal.role === 'auditor' && principal.provinceCode === null)) return true;
        if (principal.role === 'province_admin' || principal.role === 'auditor') {
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
      },
    );
    const since = query.notReviewedSince
      ? rangeInstant(query.notReviewedSince, 'start')
      : null;
    // Never reviewed counts as not reviewed since any date ('' sorts before every timestamp).
    if (since) filter.reviewedKey = { $lte: since };
    const rows = await (await this.views.accounts()).find(filter, { sort: [['grantedAt', 1]], limit: query.limit });
    const now = this.clock.now();
    const items = rows.filter((r) => !since || r.reviewedKey < since).map((r) => presentView(r, now));
    await this.staffDataAccess.record(principal, origin, now, {
      action: 'identity.account.list',
      accountIds: items.map((i) => i.accountId),
      criteria: JSON.stringify({ provinceCode: query.provinceCode ?? null, facilityId: query.facilityId ?? null, role: query.role ?? null }),
    });
    return { items };
  }
}

function presentView(view: AccountView, now: Date): AccountListAnswer['items'][number] {
  const locked = view.lockedUntil !== null && Date.parse(view.lockedUntil) > now.getTime();
  const status = view.suspended ? 'suspended' : view.lifecycle === 'active' && locked ? 'locked' : view.lifecycle;
  return {
    accountId: view.id,
    username: view.username,
    role: view.role,
    rights: view.rights,
    facilityId: view.facilityId,
    provinceCode: view.provinceCode,
    status,
    otpMethod: view.otpMethod,
    lockedUntil: locked ? view.lockedUntil : null,
    fullName: view.fullName,
    gender: view.gender,
    position: view.position,
    unit: view.unit,
    email: view.email,
    phone: view.phone,
    grantedAt: view.grantedAt,
    activatedAt: view.activatedAt,
    lastReviewedAt: view.lastReviewedAt,
  };
}

import type { AccessDenials, Principal, RequestOrigin } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import { accountNotFound } from '../domain/identity-errors';
import type { IdentityWriteModel } from '../identity-write-model';
import { presentState } from '../account-presentation';
import { administersAccount, auditsAccount } from '../scope/account-scope';
import type { StaffDataAccessLog } from '../scope/staff-data-access';

/** GET /accounts/:id: one account (one's own, or within scope); reading someone else's leaves an access record. */
export class GetAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly staffDataAccess: StaffDataAccessLog,
    private readonly clock: Clock,
  ) {}

  /** Read from the account's own stream, so it is current right after any change. */
  async execute(principal: Principal, origin: RequestOrigin, accountId: string) {
    const account = await this.write.findAccount(accountId);
    if (!account || !account.role) throw accountNotFound();
    const scope = { accountId, role: account.role, provinceCode: account.provinceCode, facilityId: account.facilityId };
    await this.denials.enforce(principal, 'identity.account.read', { accountId }, origin.correlationId, () =>
      principal.accountId === accountId || administersAccount(principal, scope) || auditsAccount(principal, scope),
    );
    const now = this.clock.now();
    // Reading one's own account is not a read of someone else's personal data.
    if (principal.accountId !== accountId) {
      await this.staffDataAccess.record(principal, origin, now, { action: 'identity.account.read', accountIds: [accountId] });
    }
    return presentState(account, now);
  }
}

/** The account an administrator acts on: it must exist, and lie within the administrator's scope (refusals are recorded). */
import type { AccessDenials, Principal, RequestOrigin } from '@vaxledger/auth';
import type { AccountState } from '../domain/account.decider';
import { accountNotFound } from '../domain/identity-errors';
import type { IdentityWriteModel } from '../identity-write-model';
import { administersAccount } from './account-scope';

export type AccountAdministration = 'suspend' | 'reinstate' | 'unlock' | 'review' | 'password_reset';

export class AdministeredAccounts {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
  ) {}

  async load(principal: Principal, origin: RequestOrigin, accountId: string, action: AccountAdministration): Promise<AccountState> {
    const account = await this.write.findAccount(accountId);
    if (!account || !account.role) throw accountNotFound();
    await this.denials.enforce(principal, `identity.account.${action}`, { accountId }, origin.correlationId, () =>
      administersAccount(principal, { accountId, role: account.role!, provinceCode: account.provinceCode, facilityId: account.facilityId }),
    );
    return account;
  }
}

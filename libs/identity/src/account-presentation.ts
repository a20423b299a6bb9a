/** Accounts and account requests as the API shows them. */
import { accountStatus, type AccountState } from './domain/account.decider';
import type { AccountRequestView } from './read-models/identity-views';

export function presentState(account: AccountState, now: Date) {
  return {
    accountId: account.accountId,
    username: account.username,
    role: account.role,
    rights: account.rights,
    facilityId: account.facilityId,
    provinceCode: account.provinceCode,
    status: accountStatus(account, now),
    otpMethod: account.otpMethod,
    lockedUntil: account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime() ? account.lockedUntil : null,
    ...(account.profile ?? {}),
    grantedAt: account.grantedAt,
    lastReviewedAt: account.lastReviewedAt,
  };
}

/** A request with the account ids of approved items only. */
export function presentRequest(view: AccountRequestView) {
  const { id, ...rest } = view;
  return { requestId: id, ...rest, items: view.items.map(({ accountId, ...item }) => ({ ...item, accountId: item.status === 'approved' ? accountId : null })) };
}

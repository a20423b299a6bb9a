import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { type AccountEvent, accountEventTypes } from '../domain/account.events';
import type { AccountView, IdentityViews } from './identity-views';

/** Accounts with their scope and status, for the account lists and periodic access reviews. */
export class AccountsProjection implements Projection {
  readonly name = 'identity.accounts';
  readonly handles = accountEventTypes;

  constructor(private readonly views: IdentityViews) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const accounts = await this.views.accounts();
    const event = recorded as unknown as AccountEvent;
    if (event.type === 'AccountGranted') {
      const d = event.data;
      await accounts.upsert(
        {
          id: d.accountId,
          username: d.username,
          role: d.role,
          rights: d.rights,
          facilityId: d.facilityId,
          provinceCode: d.provinceCode,
          lifecycle: 'pending_activation',
          suspended: false,
          lockedUntil: null,
          otpMethod: null,
          fullName: d.profile.fullName,
          gender: d.profile.gender,
          position: d.profile.position,
          unit: d.profile.unit,
          email: d.profile.email,
          phone: d.profile.phone,
          requestId: d.requestId,
          grantedAt: d.grantedAt,
          activatedAt: null,
          lastReviewedAt: null,
          reviewedKey: '',
        },
        recorded.position,
      );
      return;
    }
    const current = await accounts.get((event.data as { accountId: string }).accountId);
    if (!current) return;
    const next = evolveView(current, event);
    if (next !== current) await accounts.upsert(next, recorded.position);
  }

  async reset(): Promise<void> {
    await (await this.views.accounts()).clear();
  }
}

function evolveView(view: AccountView, event: AccountEvent): AccountView {
  switch (event.type) {
    case 'CredentialsSet':
      return { ...view, lifecycle: view.lifecycle === 'active' ? 'active' : 'enrolling', otpMethod: event.data.otpMethod };
    case 'AccountActivated':
      return { ...view, lifecycle: 'active', otpMethod: event.data.otpMethod, activatedAt: event.data.activatedAt };
    case 'AccountSuspended':
      return { ...view, suspended: true };
    case 'AccountReinstated':
      return { ...view, suspended: false };
    case 'AccountLocked':
      return { ...view, lockedUntil: event.data.lockedUntil };
    case 'AccountUnlocked':
      return { ...view, lockedUntil: null };
    case 'AccountReviewed':
      return { ...view, lastReviewedAt: event.data.reviewedAt, reviewedKey: event.data.reviewedAt };
    default:
      return view;
  }
}

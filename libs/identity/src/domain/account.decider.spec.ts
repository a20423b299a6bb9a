import { deciderSpec } from '@vaxledger/kernel';
import {
  accountDecider,
  accountStatus,
  awaitsTotpConfirmation,
  holdsActivationTicket,
  holdsPasswordResetTicket,
  initialAccountState,
  isLocked,
  signInRefusal,
} from './account.decider';
import type { AccountEvent } from './account.events';
import { defaultLockoutPolicy } from './lockout-policy';

const at = (iso: string) => new Date(iso);
const accountId = '0190a1b2-0000-7000-8000-000000000001';

const granted: AccountEvent = {
  type: 'AccountGranted',
  data: {
    accountId,
    username: 'lan.nguyen',
    role: 'staff',
    rights: ['data_entry'],
    facilityId: 'f-1',
    provinceCode: '01',
    profile: { fullName: 'Nguyễn Thị Lan', gender: 'female', position: 'Điều dưỡng', unit: 'Tiêm chủng', email: 'lan@example.vn', phone: '+84912345678' },
    requestId: 'r-1',
    grantedAt: '2021-07-01T00:00:00.000Z',
    activation: { tokenHash: 'aa', expiresAt: '2021-07-04T00:00:00.000Z' },
  },
};
const credentials: AccountEvent = {
  type: 'CredentialsSet',
  data: { accountId, passwordHash: '$argon2id$x', otpMethod: 'totp', sealedTotpSecret: 'v1.x.y.z', setAt: '2021-07-01T01:00:00.000Z' },
};
const activated: AccountEvent = { type: 'AccountActivated', data: { accountId, otpMethod: 'totp', activatedAt: '2021-07-01T01:01:00.000Z' } };

describe('the account decider', () => {
  const spec = deciderSpec(accountDecider);

  it('activates with the token it was granted, before the token expires', () => {
    const events = spec
      .given([granted])
      .when({ type: 'ActivateAccount', tokenHash: 'aa', passwordHash: 'h', otpMethod: 'totp', sealedTotpSecret: 's', now: at('2021-07-02T00:00:00Z') })
      .events();
    expect(events.map((e) => e.type)).toEqual(['CredentialsSet']);
  });

  it('refuses an activation token after 72 hours', () => {
    spec
      .given([granted])
      .when({ type: 'ActivateAccount', tokenHash: 'aa', passwordHash: 'h', otpMethod: 'totp', sealedTotpSecret: 's', now: at('2021-07-04T00:00:01Z') })
      .thenThrows('activation_token_invalid');
  });

  it('refuses an activation token a second time', () => {
    spec
      .given([granted, credentials])
      .when({ type: 'ActivateAccount', tokenHash: 'aa', passwordHash: 'h', otpMethod: 'totp', sealedTotpSecret: 's', now: at('2021-07-02T00:00:00Z') })
      .thenThrows('activation_token_invalid');
  });

  it('activates at once for an account that chose codes by SMS', () => {
    const events = spec
      .given([granted])
      .when({ type: 'ActivateAccount', tokenHash: 'aa', passwordHash: 'h', otpMethod: 'sms', sealedTotpSecret: null, now: at('2021-07-02T00:00:00Z') })
      .events();
    expect(events.map((e) => e.type)).toEqual(['CredentialsSet', 'AccountActivated']);
  });

  it('completes authenticator enrolment only while enrolling', () => {
    expect(spec.given([granted, credentials]).when({ type: 'ConfirmTotpEnrolment', now: at('2021-07-02T00:00:00Z') }).events()[0].type).toBe('AccountActivated');
    spec.given([granted]).when({ type: 'ConfirmTotpEnrolment', now: at('2021-07-02T00:00:00Z') }).thenThrows('account_state');
  });

  it('locks for 15 minutes, then twice as long for a second lock within a day', () => {
    const now = at('2021-07-05T08:00:00Z');
    const [first] = spec.given([granted, credentials, activated]).when({ type: 'LockAccount', consecutiveFailures: 10, policy: defaultLockoutPolicy, now }).events();
    expect(first).toMatchObject({ type: 'AccountLocked', data: { lockedUntil: '2021-07-05T08:15:00.000Z' } });
    const later = at('2021-07-05T09:00:00Z');
    const [second] = spec.given([granted, credentials, activated, first]).when({ type: 'LockAccount', consecutiveFailures: 10, policy: defaultLockoutPolicy, now: later }).events();
    expect(second).toMatchObject({ data: { lockedUntil: '2021-07-05T09:30:00.000Z' } });
  });

  it('lifts a lock by itself when the back-off has passed, and at once when an administrator unlocks', () => {
    const locked: AccountEvent = { type: 'AccountLocked', data: { accountId, lockedAt: '2021-07-05T08:00:00.000Z', lockedUntil: '2021-07-05T08:15:00.000Z', consecutiveFailures: 10 } };
    const state = [granted, credentials, activated, locked].reduce(accountDecider.evolve, accountDecider.initialState());
    expect(isLocked(state, at('2021-07-05T08:10:00Z'))).toBe(true);
    expect(accountStatus(state, at('2021-07-05T08:10:00Z'))).toBe('locked');
    expect(isLocked(state, at('2021-07-05T08:15:01Z'))).toBe(false);
    const unlock = spec.given([granted, credentials, activated, locked]).when({ type: 'UnlockAccount', unlockedBy: 'admin', now: at('2021-07-05T08:05:00Z') }).events();
    const after = [...[granted, credentials, activated, locked], ...unlock].reduce(accountDecider.evolve, accountDecider.initialState());
    expect(isLocked(after, at('2021-07-05T08:05:01Z'))).toBe(false);
  });

  it('suspends once and reinstates a suspended account', () => {
    const suspended = spec.given([granted, credentials, activated]).when({ type: 'SuspendAccount', reason: 'left the facility', now: at('2021-08-01T00:00:00Z') }).events();
    expect(suspended.map((e) => e.type)).toEqual(['AccountSuspended']);
    spec.given([granted, credentials, activated, ...suspended]).when({ type: 'SuspendAccount', reason: 'again', now: at('2021-08-02T00:00:00Z') }).then([]);
    expect(
      spec.given([granted, credentials, activated, ...suspended]).when({ type: 'ReinstateAccount', now: at('2021-08-03T00:00:00Z') }).events()[0].type,
    ).toBe('AccountReinstated');
  });

  it('treats a repeated grant of the same account as already done', () => {
    spec
      .given([granted])
      .when({ type: 'GrantAccount', ...granted.data, activation: null, now: at('2021-07-01T00:00:00Z') } as never)
      .then([]);
  });

  it('refuses an administrator suspending, reinstating, unlocking or reviewing their own account', () => {
    const now = at('2021-07-05T08:00:00Z');
    spec.given([granted, credentials, activated]).when({ type: 'SuspendAccount', reason: 'r', by: accountId, now }).thenThrows('self_administration');
    spec.given([granted, credentials, activated]).when({ type: 'ReinstateAccount', by: accountId, now }).thenThrows('self_administration');
    spec.given([granted, credentials, activated]).when({ type: 'UnlockAccount', unlockedBy: accountId, now }).thenThrows('self_administration');
    spec.given([granted, credentials, activated]).when({ type: 'ReviewAccount', reviewedBy: accountId, now }).thenThrows('self_administration');
    expect(spec.given([granted, credentials, activated]).when({ type: 'SuspendAccount', reason: 'r', by: 'another-admin', now }).events().map((e) => e.type)).toEqual([
      'AccountSuspended',
    ]);
  });

  it('tells why a right password still does not sign in: suspended, or activation not done', () => {
    const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, initialAccountState());
    expect(signInRefusal(fold([granted, credentials, activated]))).toBeNull();
    expect(signInRefusal(fold([granted, credentials]))).toBe('not_activated');
    const suspended: AccountEvent = { type: 'AccountSuspended', data: { accountId, reason: 'r', suspendedAt: '2021-07-03T00:00:00.000Z' } };
    expect(signInRefusal(fold([granted, credentials, activated, suspended]))).toBe('suspended');
    expect(awaitsTotpConfirmation(fold([granted, credentials]))).toBe(true);
    expect(awaitsTotpConfirmation(fold([granted, credentials, activated]))).toBe(false);
  });

  it('honours an activation ticket only for its token, before it expires', () => {
    const state = [granted].reduce(accountDecider.evolve, initialAccountState());
    expect(holdsActivationTicket(state, 'aa', at('2021-07-02T00:00:00Z'))).toBe(true);
    expect(holdsActivationTicket(state, 'bb', at('2021-07-02T00:00:00Z'))).toBe(false);
    expect(holdsActivationTicket(state, 'aa', at('2021-07-04T00:00:00Z'))).toBe(false);
  });

  describe("an administrator's password reset", () => {
    const ticket = { tokenHash: 'c0ffee', expiresAt: '2021-08-02T00:00:00.000Z' };
    const issue = { type: 'IssuePasswordReset' as const, by: 'admin-1', ticket, now: at('2021-08-01T00:00:00Z') };
    const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, initialAccountState());

    it('forgets the old password and moves the not-valid-before instant to the reset', () => {
      const issued = spec.given([granted, credentials, activated]).when(issue).events();
      expect(issued).toEqual([{ type: 'PasswordResetIssued', data: { accountId, issuedBy: 'admin-1', issuedAt: '2021-08-01T00:00:00.000Z', ...ticket } }]);
      const state = fold([granted, credentials, activated, ...issued]);
      expect(state.passwordHash).toBeNull();
      expect(state.sessionsNotValidBefore).toBe('2021-08-01T00:00:00.000Z');
      // A later reinstatement does not move it back.
      const suspended: AccountEvent = { type: 'AccountSuspended', data: { accountId, reason: 'r', suspendedAt: '2021-07-20T00:00:00.000Z' } };
      const reinstated: AccountEvent = { type: 'AccountReinstated', data: { accountId, reinstatedAt: '2021-08-01T00:05:00.000Z' } };
      expect(fold([granted, credentials, activated, suspended, ...issued, reinstated]).sessionsNotValidBefore).toBe('2021-08-01T00:00:00.000Z');
    });

    it("is refused on one's own account and on an account that has not finished activation", () => {
      spec.given([granted, credentials, activated]).when({ ...issue, by: accountId }).thenThrows('self_administration');
      spec.given([granted]).when(issue).thenThrows('account_state');
      spec.given([granted, credentials]).when(issue).thenThrows('account_state');
    });

    it('redeems its token once, before it expires, and only the latest ticket', () => {
      const issued: AccountEvent = { type: 'PasswordResetIssued', data: { accountId, issuedBy: 'admin-1', issuedAt: '2021-08-01T00:00:00.000Z', ...ticket } };
      const redeem = { type: 'RedeemPasswordReset' as const, tokenHash: 'c0ffee', passwordHash: '$argon2id$new', now: at('2021-08-01T12:00:00Z') };
      const changed = spec.given([granted, credentials, activated, issued]).when(redeem).events();
      expect(changed).toEqual([{ type: 'PasswordChanged', data: { accountId, passwordHash: '$argon2id$new', changedAt: '2021-08-01T12:00:00.000Z' } }]);
      expect(fold([granted, credentials, activated, issued, ...changed]).passwordHash).toBe('$argon2id$new');
      spec.given([granted, credentials, activated, issued, ...changed]).when({ ...redeem, now: at('2021-08-01T12:01:00Z') }).thenThrows('reset_token_invalid');
      spec.given([granted, credentials, activated, issued]).when({ ...redeem, now: at('2021-08-02T00:00:01Z') }).thenThrows('reset_token_invalid');
      spec.given([granted, credentials, activated, issued]).when({ ...redeem, tokenHash: 'c0ffef' }).thenThrows('reset_token_invalid');
      spec.given([granted, credentials, activated]).when(redeem).thenThrows('reset_token_invalid');
      const reissued: AccountEvent = { type: 'PasswordResetIssued', data: { ...issued.data, tokenHash: 'beef', issuedAt: '2021-08-01T01:00:00.000Z' } };
      spec.given([granted, credentials, activated, issued, reissued]).when(redeem).thenThrows('reset_token_invalid');
      expect(holdsPasswordResetTicket(fold([granted, credentials, activated, issued, reissued]), 'beef', redeem.now)).toBe(true);
    });
  });
});

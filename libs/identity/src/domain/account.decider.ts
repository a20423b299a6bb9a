/** The account aggregate: grant, activation and enrolment, suspension, lockout, password reset and periodic review. */
import type { Right, Role } from '@vaxledger/contracts';
import type { Decider } from '@vaxledger/kernel';
import { sameHash } from '../credentials/one-time-secrets';
import type { AccountEvent, AccountProfile, ActivationTicket, OtpMethod } from './account.events';
import { activationTokenInvalid, illegalAccountState, resetTokenInvalid, selfAdministration } from './identity-errors';
import { lockDuration, type LockoutPolicy } from './lockout-policy';

export type AccountLifecycle = 'none' | 'pending_activation' | 'enrolling' | 'active';

export interface AccountState {
  lifecycle: AccountLifecycle;
  accountId: string | null;
  username: string | null;
  role: Role | null;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  profile: AccountProfile | null;
  activation: (ActivationTicket & { redeemed: boolean }) | null;
  /** The latest administrator's password reset: its token's keyed hash, expiry, and whether it was redeemed. */
  passwordReset: (ActivationTicket & { redeemed: boolean }) | null;
  passwordHash: string | null;
  otpMethod: OtpMethod | null;
  sealedTotpSecret: string | null;
  suspended: boolean;
  lockedUntil: string | null;
  lockTimes: string[];
  /**
   * The latest suspension, lock or password reset: sessions and tokens issued before it stay refused, whatever
   * happens to the account afterwards (reinstatement and unlock do not move it back).
   */
  sessionsNotValidBefore: string | null;
  grantedAt: string | null;
  lastReviewedAt: string | null;
}

export type AccountCommand =
  | {
      type: 'GrantAccount';
      accountId: string;
      username: string;
      role: Role;
      rights: Right[];
      facilityId: string | null;
      provinceCode: string | null;
      profile: AccountProfile;
      requestId: string | null;
      activation: ActivationTicket | null;
      now: Date;
    }
  | { type: 'IssueActivationToken'; activation: ActivationTicket; now: Date }
  | {
      type: 'ActivateAccount';
      tokenHash: string;
      passwordHash: string;
      otpMethod: OtpMethod;
      sealedTotpSecret: string | null;
      now: Date;
    }
  /** Bootstrap: the first national admin chooses credentials on the console, no token involved. */
  | { type: 'SetInitialCredentials'; passwordHash: string; sealedTotpSecret: string; now: Date }
  | { type: 'ConfirmTotpEnrolment'; now: Date }
  /** `by`: the administrator's account; nobody administers their own account. */
  | { type: 'SuspendAccount'; reason: string; by?: string; now: Date }
  | { type: 'ReinstateAccount'; by?: string; now: Date }
  | { type: 'LockAccount'; consecutiveFailures: number; policy: LockoutPolicy; now: Date }
  | { type: 'UnlockAccount'; unlockedBy: string; now: Date }
  | { type: 'ReviewAccount'; reviewedBy: string; now: Date }
  /** An administrator resets the password: `ticket` holds the keyed hash of the single-use token sent to the person. */
  | { type: 'IssuePasswordReset'; by: string; ticket: ActivationTicket; now: Date }
  | { type: 'RedeemPasswordReset'; tokenHash: string; passwordHash: string; now: Date };

export const initialAccountState = (): AccountState => ({
  lifecycle: 'none',
  accountId: null,
  username: null,
  role: null,
  rights: [],
  facilityId: null,
  provinceCode: null,
  profile: null,
  activation: null,
  passwordReset: null,
  passwordHash: null,
  otpMethod: null,
  sealedTotpSecret: null,
  suspended: false,
  lockedUntil: null,
  lockTimes: [],
  sessionsNotValidBefore: null,
  grantedAt: null,
  lastReviewedAt: null,
});

/** True while a lock is in force at `now` (a lock lifts by itself when its back-off ends). */
export function isLocked(state: AccountState, now: Date): boolean {
  return state.lockedUntil !== null && Date.parse(state.lockedUntil) > now.getTime();
}

/** Can sign in: granted, credentials and OTP enrolment done, not suspended. Locks are checked separately. */
export function canSignIn(state: AccountState): boolean {
  return state.lifecycle === 'active' && !state.suspended;
}

/**
 * Why an account whose password was right still may not sign in (or open a step-up): suspended, or its
 * activation and enrolment not done. Null when it may. Locks are checked separately (`isLocked`), before the
 * password, so a locked account learns nothing about its password.
 */
export function signInRefusal(state: AccountState): 'suspended' | 'not_activated' | null {
  if (state.suspended) return 'suspended';
  if (state.lifecycle !== 'active') return 'not_activated';
  return null;
}

/** The account's activation ticket is this token's, not yet redeemed and not expired. */
export function holdsActivationTicket(state: AccountState, tokenHash: string, now: Date): boolean {
  const ticket = state.activation;
  return ticket !== null && !ticket.redeemed && ticket.tokenHash === tokenHash && Date.parse(ticket.expiresAt) > now.getTime();
}

/**
 * The account's password reset ticket is this token's (compared in constant time), not yet redeemed and not
 * expired. The account must have finished activation: a reset never stands in for it.
 */
export function holdsPasswordResetTicket(state: AccountState, tokenHash: string, now: Date): boolean {
  const ticket = state.passwordReset;
  return (
    ticket !== null &&
    !ticket.redeemed &&
    state.lifecycle === 'active' &&
    sameHash(ticket.tokenHash, tokenHash) &&
    Date.parse(ticket.expiresAt) > now.getTime()
  );
}

/** An activation token redeems only the pending (not suspended) account it was issued for, once, before it expires. */
export function redeemsActivation(state: AccountState, tokenHash: string, now: Date): boolean {
  return state.lifecycle === 'pending_activation' && !state.suspended && holdsActivationTicket(state, tokenHash, now);
}

/** An authenticator app awaits its first good code (ConfirmTotpEnrolment). */
export function awaitsTotpConfirmation(state: AccountState): boolean {
  return state.lifecycle === 'enrolling' && state.otpMethod === 'totp';
}

function refuseSelfAdministration(state: AccountState, by: string | undefined): void {
  if (by !== undefined && by === state.accountId) throw selfAdministration();
}

export type AccountStatus = 'pending_activation' | 'enrolling' | 'active' | 'suspended' | 'locked';

export function accountStatus(state: AccountState, now: Date): AccountStatus {
  if (state.suspended) return 'suspended';
  if (state.lifecycle === 'active' && isLocked(state, now)) return 'locked';
  return state.lifecycle === 'none' ? 'pending_activation' : state.lifecycle;
}

function requireExisting(state: AccountState): string {
  if (state.lifecycle === 'none' || !state.accountId) throw illegalAccountState('The account does not exist.');
  return state.accountId;
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  const at = command.now.toISOString();
  switch (command.type) {
    case 'GrantAccount': {
      if (state.lifecycle !== 'none') {
        // Re-running an approval after a crash finds its own grant: nothing more to do.
        if (state.accountId === command.accountId && state.username === command.username) return [];
        throw illegalAccountState('The account already exists.');
      }
      return [
        {
          type: 'AccountGranted',
          data: {
            accountId: command.accountId,
            username: command.username,
            role: command.role,
            rights: command.rights,
            facilityId: command.facilityId,
            provinceCode: command.provinceCode,
            profile: command.profile,
            requestId: command.requestId,
            grantedAt: at,
            activation: command.activation,
          },
        },
      ];
    }
    case 'IssueActivationToken': {
      const accountId = requireExisting(state);
      if (state.lifecycle !== 'pending_activation') throw illegalAccountState('The account is already activated.');
      return [{ type: 'ActivationTokenIssued', data: { accountId, ...command.activation } }];
    }
    case 'ActivateAccount': {
      const accountId = requireExisting(state);
      if (!redeemsActivation(state, command.tokenHash, command.now)) throw activationTokenInvalid();
      const credentials: AccountEvent = {
        type: 'CredentialsSet',
        data: {
          accountId,
          passwordHash: command.passwordHash,
          otpMethod: command.otpMethod,
          sealedTotpSecret: command.sealedTotpSecret,
          setAt: at,
        },
      };
      // A delivered-code method is proven by the activation token itself (it reached the same email or phone);
      // an authenticator app must first show one good code (ConfirmTotpEnrolment).
      if (command.otpMethod !== 'totp') {
        return [credentials, { type: 'AccountActivated', data: { accountId, otpMethod: command.otpMethod, activatedAt: at } }];
      }
      return [credentials];
    }
    case 'SetInitialCredentials': {
      const accountId = requireExisting(state);
      if (state.lifecycle !== 'pending_activation') throw illegalAccountState('The account already has credentials.');
      return [
        {
          type: 'CredentialsSet',
          data: { accountId, passwordHash: command.passwordHash, otpMethod: 'totp', sealedTotpSecret: command.sealedTotpSecret, setAt: at },
        },
        { type: 'AccountActivated', data: { accountId, otpMethod: 'totp', activatedAt: at } },
      ];
    }
    case 'ConfirmTotpEnrolment': {
      const accountId = requireExisting(state);
      if (!awaitsTotpConfirmation(state)) throw illegalAccountState('No authenticator enrolment is waiting for this account.');
      return [{ type: 'AccountActivated', data: { accountId, otpMethod: 'totp', activatedAt: at } }];
    }
    case 'SuspendAccount': {
      const accountId = requireExisting(state);
      refuseSelfAdministration(state, command.by);
      if (state.suspended) return [];
      return [{ type: 'AccountSuspended', data: { accountId, reason: command.reason, suspendedAt: at } }];
    }
    case 'ReinstateAccount': {
      const accountId = requireExisting(state);
      refuseSelfAdministration(state, command.by);
      if (!state.suspended) return [];
      return [{ type: 'AccountReinstated', data: { accountId, reinstatedAt: at } }];
    }
    case 'LockAccount': {
      const accountId = requireExisting(state);
      if (isLocked(state, command.now)) return [];
      const lockedUntil = new Date(command.now.getTime() + lockDuration(command.policy, state.lockTimes, command.now));
      return [
        {
          type: 'AccountLocked',
          data: { accountId, lockedAt: at, lockedUntil: lockedUntil.toISOString(), consecutiveFailures: command.consecutiveFailures },
        },
      ];
    }
    case 'UnlockAccount': {
      const accountId = requireExisting(state);
      refuseSelfAdministration(state, command.unlockedBy);
      if (state.lockedUntil === null) return [];
      return [{ type: 'AccountUnlocked', data: { accountId, unlockedAt: at, unlockedBy: command.unlockedBy } }];
    }
    case 'ReviewAccount': {
      const accountId = requireExisting(state);
      refuseSelfAdministration(state, command.reviewedBy);
      return [{ type: 'AccountReviewed', data: { accountId, reviewedAt: at, reviewedBy: command.reviewedBy } }];
    }
    case 'IssuePasswordReset': {
      const accountId = requireExisting(state);
      refuseSelfAdministration(state, command.by);
      if (state.lifecycle !== 'active') throw illegalAccountState('The account has not finished activation; send a new activation token instead.');
      return [{ type: 'PasswordResetIssued', data: { accountId, issuedBy: command.by, issuedAt: at, ...command.ticket } }];
    }
    case 'RedeemPasswordReset': {
      const accountId = requireExisting(state);
      if (!holdsPasswordResetTicket(state, command.tokenHash, command.now)) throw resetTokenInvalid();
      return [{ type: 'PasswordChanged', data: { accountId, passwordHash: command.passwordHash, changedAt: at } }];
    }
  }
}

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountGranted': {
      const d = event.data;
      return {
        ...state,
        lifecycle: 'pending_activation',
        accountId: d.accountId,
        username: d.username,
        role: d.role,
        rights: d.rights,
        facilityId: d.facilityId,
        provinceCode: d.provinceCode,
        profile: d.profile,
        activation: d.activation ? { ...d.activation, redeemed: false } : null,
        grantedAt: d.grantedAt,
      };
    }
    case 'ActivationTokenIssued':
      return { ...state, activation: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt, redeemed: false } };
    case 'CredentialsSet':
      return {
        ...state,
        lifecycle: state.lifecycle === 'active' ? 'active' : 'enrolling',
        activation: state.activation ? { ...state.activation, redeemed: true } : null,
        passwordHash: event.data.passwordHash,
        otpMethod: event.data.otpMethod,
        sealedTotpSecret: event.data.sealedTotpSecret,
      };
    case 'AccountActivated':
      return { ...state, lifecycle: 'active', otpMethod: event.data.otpMethod };
    case 'AccountSuspended':
      return { ...state, suspended: true, sessionsNotValidBefore: latest(state.sessionsNotValidBefore, event.data.suspendedAt) };
    case 'AccountReinstated':
      return { ...state, suspended: false };
    case 'AccountLocked':
      return {
        ...state,
        lockedUntil: event.data.lockedUntil,
        lockTimes: [...state.lockTimes, event.data.lockedAt].slice(-20),
        sessionsNotValidBefore: latest(state.sessionsNotValidBefore, event.data.lockedAt),
      };
    case 'AccountUnlocked':
      // An administrator's unlock also forgets earlier locks, so the next back-off starts short again.
      return { ...state, lockedUntil: null, lockTimes: [] };
    case 'AccountReviewed':
      return { ...state, lastReviewedAt: event.data.reviewedAt };
    case 'PasswordResetIssued':
      // The old password stops working now (a reset usually means it is forgotten or known to someone else).
      return {
        ...state,
        passwordHash: null,
        passwordReset: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt, redeemed: false },
        sessionsNotValidBefore: latest(state.sessionsNotValidBefore, event.data.issuedAt),
      };
    case 'PasswordChanged':
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        passwordReset: state.passwordReset ? { ...state.passwordReset, redeemed: true } : null,
        sessionsNotValidBefore: latest(state.sessionsNotValidBefore, event.data.changedAt),
      };
    default:
      return state;
  }
}

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  initialState: initialAccountState,
  decide: decideAccount,
  evolve: evolveAccount,
};

const latest = (a: string | null, b: string): string => (a !== null && Date.parse(a) >= Date.parse(b) ? a : b);

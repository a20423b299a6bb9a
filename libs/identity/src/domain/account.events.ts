/** Events of the account aggregate (`account-<uuidv7>`). Credential material never leaves the identity store. */
import type { Right, Role } from '@vaxledger/contracts';

export type Gender = 'male' | 'female' | 'other';
export type OtpMethod = 'totp' | 'sms' | 'email';

/** Contact and job details of the person holding the account (personal data: identity store only). */
export interface AccountProfile {
  fullName: string;
  gender: Gender;
  position: string;
  unit: string | null;
  email: string;
  phone: string;
}

export interface ActivationTicket {
  /** SHA-256 of the activation token; the token itself only travels to the person. */
  tokenHash: string;
  expiresAt: string;
}

export type AccountGranted = {
  type: 'AccountGranted';
  data: {
    accountId: string;
    username: string;
    role: Role;
    rights: Right[];
    facilityId: string | null;
    provinceCode: string | null;
    profile: AccountProfile;
    /** The request item that asked for it, when granted from a facility's staff list. */
    requestId: string | null;
    grantedAt: string;
    activation: ActivationTicket | null;
  };
};

export type ActivationTokenIssued = { type: 'ActivationTokenIssued'; data: { accountId: string } & ActivationTicket };

/** Password hash (argon2id) and, for TOTP, the sealed shared secret awaiting confirmation. */
export type CredentialsSet = {
  type: 'CredentialsSet';
  data: { accountId: string; passwordHash: string; otpMethod: OtpMethod; sealedTotpSecret: string | null; setAt: string };
};

export type AccountActivated = {
  type: 'AccountActivated';
  data: { accountId: string; otpMethod: OtpMethod; activatedAt: string };
};

export type AccountSuspended = { type: 'AccountSuspended'; data: { accountId: string; reason: string; suspendedAt: string } };
export type AccountReinstated = { type: 'AccountReinstated'; data: { accountId: string; reinstatedAt: string } };
export type AccountLocked = {
  type: 'AccountLocked';
  data: { accountId: string; lockedAt: string; lockedUntil: string; consecutiveFailures: number };
};
export type AccountUnlocked = {
  type: 'AccountUnlocked';
  data: { accountId: string; unlockedAt: string; unlockedBy: string };
};
/**
 * An administrator reset the password: the old password stops working at once, every token and session of the
 * account from before `issuedAt` stays refused, and a single-use reset token went to the person's own e-mail.
 * `tokenHash` is the keyed hash of that token (it stays in identity's store; the public event drops it).
 */
export type PasswordResetIssued = {
  type: 'PasswordResetIssued';
  data: { accountId: string; issuedBy: string; issuedAt: string } & ActivationTicket;
};
/** The person redeemed the reset token with a new password (argon2id hash); every session from before it ends. */
export type PasswordChanged = {
  type: 'PasswordChanged';
  data: { accountId: string; passwordHash: string; changedAt: string };
};
export type AccountReviewed = { type: 'AccountReviewed'; data: { accountId: string; reviewedAt: string; reviewedBy: string } };

export type AccountEvent =
  | AccountGranted
  | ActivationTokenIssued
  | CredentialsSet
  | AccountActivated
  | AccountSuspended
  | AccountReinstated
  | AccountLocked
  | AccountUnlocked
  | AccountReviewed
  | PasswordResetIssued
  | PasswordChanged;

export const accountEventTypes: ReadonlySet<string> = new Set<AccountEvent['type']>([
  'AccountGranted',
  'ActivationTokenIssued',
  'CredentialsSet',
  'AccountActivated',
  'AccountSuspended',
  'AccountReinstated',
  'AccountLocked',
  'AccountUnlocked',
  'AccountReviewed',
  'PasswordResetIssued',
  'PasswordChanged',
]);

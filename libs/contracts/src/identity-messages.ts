/**
 * Public payloads the identity service publishes (CloudEvents `data`, type = the stored event's type).
 * Ids, roles and scope only: no names, contacts, password hashes, secrets or tokens.
 */
import type { AccessRecordFields } from './audit-messages';
import type { Right, Role } from './roles';

export const identitySource = '/vaxledger/identity';

/** On `vaxledger.identity.account.v1` (keyed by account id), type `AccountGranted`. */
export interface AccountGrantedMessage {
  accountId: string;
  role: Role;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  requestId: string | null;
  grantedAt: string;
}

/**
 * On `vaxledger.identity.account.v1`, types `AccountActivated`, `AccountSuspended`, `AccountReinstated`,
 * `AccountLocked`, `AccountUnlocked` and `AccountReviewed`: the stored event's data, which carries no secret.
 */
export interface AccountStatusMessage {
  accountId: string;
  otpMethod?: string;
  activatedAt?: string;
  reason?: string;
  suspendedAt?: string;
  reinstatedAt?: string;
  lockedAt?: string;
  lockedUntil?: string;
  consecutiveFailures?: number;
  unlockedAt?: string;
  unlockedBy?: string;
  reviewedAt?: string;
  reviewedBy?: string;
}

/** On `vaxledger.identity.account.v1`, type `SessionEnded`: every service revokes that session's tokens. */
export interface SessionEndedMessage {
  sessionId: string;
  accountId: string;
  endedAt: string;
  reason: 'logout' | 'ended_by_user' | 'refresh_token_reuse' | 'account_suspended';
}

/**
 * On `vaxledger.identity.account.v1`, types `PasswordResetIssued` (an administrator reset the password: every
 * token of the account issued before `issuedAt` is refused) and `PasswordChanged` (the reset was redeemed).
 * Neither carries the reset token or its hash.
 */
export interface PasswordResetIssuedMessage {
  accountId: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
}

export interface PasswordChangedMessage {
  accountId: string;
  changedAt: string;
}

export type IdentityAccountMessage =
  | AccountGrantedMessage
  | AccountStatusMessage
  | PasswordResetIssuedMessage
  | PasswordChangedMessage
  | SessionEndedMessage;

/** On `vaxledger.identity.login.v1` (keyed by account id, or `unknown-<username key>`), type `LoginAttempted`. */
export interface LoginAttemptMessage {
  attemptId: string;
  challengeId: string | null;
  accountId: string | null;
  /** HMAC of the lower-cased username typed, for attempts on unknown usernames. */
  usernameKey: string | null;
  stage: 'password' | 'otp' | 'step_up';
  method: 'password' | 'totp' | 'sms' | 'email';
  outcome: string;
  at: string;
  ip: string;
  userAgent: string;
  provinceCode: string | null;
  facilityId: string | null;
}

/** On `vaxledger.identity.organisation.v1` (keyed by facility id), type `FacilityRegistered`. */
export interface FacilityRegisteredMessage {
  facilityId: string;
  code: string;
  name: string;
  provinceCode: string;
  districtCode: string | null;
}

/** On `vaxledger.audit.access.v1` (keyed by the account that looked): who read which staff data (R8). */
export interface StaffAccessRecordedMessage extends AccessRecordFields {
  service: 'identity';
  accountIds: string[];
  requestIds: string[];
  criteria: string | null;
  purpose: string | null;
  ip: string;
  userAgent: string;
  resultCount: number;
  /** Set on a refused attempt (access denials), with the error code as `reason`. */
  outcome?: 'denied';
  reason?: string;
}

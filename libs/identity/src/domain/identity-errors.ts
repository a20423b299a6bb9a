/** Coded errors of the identity service; the HTTP edge maps their kind to a status. */
import { conflict, DomainError, forbidden, notFound, ruleBroken, validationError } from '@vaxledger/kernel';

export const invalidCredentials = () =>
  new DomainError('unauthenticated', 'invalid_credentials', 'The username or password is not correct.');

export const invalidOtp = (remainingAttempts: number) =>
  new DomainError('unauthenticated', 'invalid_otp', 'The one-time code is not correct.', { remainingAttempts });

export const otpReplayed = (remainingAttempts: number) =>
  new DomainError('unauthenticated', 'otp_replayed', 'This one-time code was already used; wait for the next one.', {
    remainingAttempts,
  });

export const accountSuspended = () => forbidden('account_suspended', 'This account is suspended.');
export const accountNotActivated = () =>
  forbidden('account_not_activated', 'This account has not finished activation and authenticator enrolment.');

export const otpChallengeInvalid = () =>
  new DomainError(
    'unauthenticated',
    'otp_challenge_invalid',
    'This sign-in challenge has expired, was used, or had too many wrong codes; sign in again.',
  );

export const accountLocked = (lockedUntil: string, now: Date) =>
  new DomainError('locked', 'account_locked', 'The account is locked after too many failed attempts.', {
    lockedUntil,
    retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000)),
  });

export const accountNotFound = () => notFound('account_not_found', 'No such account.');
export const facilityNotFound = () => notFound('facility_not_found', 'No such facility.');
export const requestNotFound = () => notFound('account_request_not_found', 'No such account request.');

export const usernameTaken = (usernames: string[]) =>
  conflict('username_taken', 'A username is already in use.', { usernames });

export const weakPassword = (reasons: string[]) =>
  validationError('weak_password', 'The password does not meet the password policy.', { reasons });

export const activationTokenInvalid = () =>
  new DomainError('unauthenticated', 'activation_token_invalid', 'The activation token is invalid, used or expired.');

export const illegalAccountState = (message: string) => ruleBroken('account_state', message);

export const selfAdministration = () =>
  forbidden('self_administration', 'Administrators cannot suspend, unlock, review or reset the password of their own account.');

/**
 * One answer for an unknown, used or expired reset token, so nothing about tokens or accounts can be probed: 401,
 * as for an activation token, since the token is the credential of this request.
 */
export const resetTokenInvalid = () =>
  new DomainError('unauthenticated', 'reset_token_invalid', 'The password reset token is invalid, used or expired.');

/**
 * Sign-in records (R3) and session lifecycle. A login attempt lives in `login-<accountId>`, or for an unknown
 * username in `login-unknown-<hmac>`, so no stream is named after what someone typed.
 */
export type SignInStage = 'password' | 'otp' | 'step_up';
export type SignInMethod = 'password' | 'totp' | 'sms' | 'email';
export type SignInOutcome =
  | 'success'
  | 'password_accepted'
  | 'wrong_password'
  | 'unknown_user'
  | 'wrong_otp'
  | 'otp_replayed'
  | 'challenge_closed'
  | 'locked'
  | 'suspended'
  | 'not_activated'
  /** Refused by the login throttle before any password check (429). */
  | 'rate_limited';

export type LoginAttempted = {
  type: 'LoginAttempted';
  data: {
    attemptId: string;
    /** The sign-in challenge this attempt belongs to, linking its password and OTP stages. */
    challengeId: string | null;
    accountId: string | null;
    /** HMAC of the lower-cased username typed, for attempts on unknown usernames. */
    usernameKey: string | null;
    stage: SignInStage;
    method: SignInMethod;
    outcome: SignInOutcome;
    at: string;
    ip: string;
    userAgent: string;
    /** The scope of the account, so province and facility admins can be shown their own people's history. */
    provinceCode: string | null;
    facilityId: string | null;
  };
};

export type SessionStarted = {
  type: 'SessionStarted';
  data: { sessionId: string; accountId: string; startedAt: string; absoluteExpiresAt: string };
};
export type SessionEnded = {
  type: 'SessionEnded';
  data: { sessionId: string; accountId: string; endedAt: string; reason: 'logout' | 'ended_by_user' | 'refresh_token_reuse' | 'account_suspended' };
};

export type SignInEvent = LoginAttempted | SessionStarted | SessionEnded;

export const successfulOutcomes: ReadonlySet<SignInOutcome> = new Set(['success', 'password_accepted']);

/** Stream names of the identity store. None carries personal data: usernames appear only as hashes. */
import { sha256Hex } from './credentials/one-time-secrets';

export const identityStreams = {
  account: (accountId: string) => `account-${accountId}`,
  facility: (facilityId: string) => `facility-${facilityId}`,
  accountRequest: (requestId: string) => `account-request-${requestId}`,
  /** `reservationKey` = usernameReservationKey(usernames key, username): an HMAC, never the name. */
  usernameReservation: (reservationKey: string) => `username-${reservationKey}`,
  facilityCodeReservation: (code: string) => `facility-code-${sha256Hex(code.trim().toUpperCase())}`,
  nationalAdminReservation: 'national-admin',
  signIns: (accountId: string) => `login-${accountId}`,
  unknownUserSignIns: (usernameKey: string) => `login-unknown-${usernameKey}`,
  session: (sessionId: string) => `session-${sessionId}`,
} as const;

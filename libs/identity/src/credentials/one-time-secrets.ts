/** Random tokens and codes that are shown once and stored only as hashes. */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A uniformly random 6-digit code for SMS or email delivery. */
export function randomSixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Activation token: `<accountId>.<secret>` so the account can be found without a lookup table. */
export function newActivationToken(accountId: string): { token: string; tokenHash: string } {
  const token = `${accountId}.${randomToken()}`;
  return { token, tokenHash: sha256Hex(token) };
}

/** The account id a `<accountId>.<secret>` token (activation, password reset) names, or null. */
export function accountIdOfToken(token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const accountId = token.slice(0, dot);
  return /^[0-9a-f-]{36}$/.test(accountId) ? accountId : null;
}

/**
 * Password reset token: `<accountId>.<256 random bits>` (the account is found without a lookup table, like
 * activation). At rest only its HMAC under the `delivered-codes` key is kept, so a copy of the event store
 * cannot be turned into a working token.
 */
export function newPasswordResetToken(deliveredCodesKey: Buffer, accountId: string): { token: string; tokenHash: string } {
  const token = `${accountId}.${randomToken()}`;
  return { token, tokenHash: passwordResetTokenHash(deliveredCodesKey, token) };
}

export function passwordResetTokenHash(deliveredCodesKey: Buffer, token: string): string {
  return createHmac('sha256', deliveredCodesKey).update(`password-reset:${token}`).digest('hex');
}

/** Keyed hash of a username someone typed (`usernames` purpose key), for attempts on unknown usernames and throttling. */
export function usernameKey(usernamesKey: Buffer, username: string): string {
  return createHmac('sha256', usernamesKey).update(`username:${username.trim().toLowerCase()}`).digest('hex');
}

/** Names a username's reservation stream: a keyed hash, so the stream list cannot be matched to a name list. */
export function usernameReservationKey(usernamesKey: Buffer, username: string): string {
  return createHmac('sha256', usernamesKey).update(`username-reservation:${username.trim().toLowerCase()}`).digest('hex');
}

/**
 * A delivered code (SMS, e-mail) at rest: HMAC under the server's `delivered-codes` key, bound to its
 * challenge. A plain SHA-256 of six digits is reversed by trying a million values; this needs the key.
 */
export function deliveredCodeHash(deliveredCodesKey: Buffer, challengeId: string, code: string): string {
  return createHmac('sha256', deliveredCodesKey).update(`${challengeId}:${code}`).digest('hex');
}

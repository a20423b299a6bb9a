/**
 * TOTP (RFC 6238) as the authenticator apps do it: SHA-1, 6 digits, 30-second steps, one step of drift
 * either way, 160-bit base32 secrets. Time comes from the caller, never from the system clock.
 */
import { authenticator } from 'otplib';
import { HashAlgorithms } from 'otplib/core';

export const totpSettings = { algorithm: 'sha1', digits: 6, stepSeconds: 30, window: 1, secretBytes: 20 } as const;

function authenticatorAt(now: Date) {
  return authenticator.clone({
    algorithm: HashAlgorithms.SHA1,
    digits: totpSettings.digits,
    step: totpSettings.stepSeconds,
    window: totpSettings.window,
    epoch: now.getTime(),
  });
}

/** A new base32 shared secret of 160 bits. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(totpSettings.secretBytes);
}

export function otpauthUri(secret: string, accountLabel: string, issuer: string): string {
  return authenticatorAt(new Date()).keyuri(accountLabel, issuer, secret);
}

/** The code an authenticator shows at `now` (tests, and the console bootstrap's self-check). */
export function totpCodeAt(secret: string, now: Date): string {
  return authenticatorAt(now).generate(secret);
}

/** The time step of `now` (floor of Unix seconds / 30). */
export function timeStepOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpSettings.stepSeconds);
}

/**
 * The time step a code belongs to, within one step of `now`, or null when it matches none. Callers use the
 * step to refuse a code that was already accepted (replay).
 */
export function matchingTimeStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticatorAt(now).checkDelta(code, secret);
  return delta === null ? null : timeStepOf(now) + delta;
}

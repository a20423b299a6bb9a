/**
 * A person's authenticator app against a real clock. identity accepts each TOTP time step of an account once
 * (a replayed step is refused), so every code handed out here belongs to a later step than the last one, waiting
 * for the clock when the account already used the steps within reach (now and the next, inside the ±1 window).
 */
import { authenticator } from 'otplib';
import { sleep } from './service-processes';

const stepMs = 30_000;

export function secretOfOtpauthUri(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get('secret');
  if (!secret) throw new Error('the otpauth URI carries no secret');
  return secret;
}

export class AuthenticatorApp {
  private lastStep = -1;

  constructor(private readonly secret: string) {}

  static fromOtpauthUri(otpauthUri: string): AuthenticatorApp {
    return new AuthenticatorApp(secretOfOtpauthUri(otpauthUri));
  }

  /** A code identity will accept now and has not seen yet; may wait up to one time step. */
  async nextCode(): Promise<string> {
    const current = Math.floor(Date.now() / stepMs);
    const step = Math.max(this.lastStep + 1, current);
    // The code of step s is accepted while the server's step is s-1, s or s+1.
    const usableFrom = (step - 1) * stepMs;
    if (Date.now() < usableFrom) await sleep(usableFrom - Date.now() + 50);
    this.lastStep = step;
    return authenticator.clone({ epoch: step * stepMs }).generate(this.secret);
  }
}

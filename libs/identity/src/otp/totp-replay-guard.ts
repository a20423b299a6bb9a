/**
 * A TOTP code is accepted at most once: the last accepted time step of each account is remembered, and a code
 * of that step or an earlier one is refused. The per-step claim makes two simultaneous uses impossible.
 */
import type { KeyValueStore } from '@vaxledger/kernel';

/** Longer than the three steps a code can be valid for. */
const rememberMs = 10 * 60_000;

export class TotpReplayGuard {
  constructor(private readonly kv: KeyValueStore) {}

  /** True when the step is fresh for this account and is now claimed; false for a replay. */
  async claim(accountId: string, timeStep: number): Promise<boolean> {
    const last = await this.kv.get(`totp:last-step:${accountId}`);
    if (last !== null && timeStep <= Number(last)) return false;
    if (!(await this.kv.setIfAbsent(`totp:used:${accountId}:${timeStep}`, '1', rememberMs))) return false;
    await this.kv.set(`totp:last-step:${accountId}`, String(timeStep), rememberMs);
    return true;
  }
}

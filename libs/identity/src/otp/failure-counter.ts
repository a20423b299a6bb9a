/**
 * Consecutive failed sign-in steps of an account (wrong password, wrong or replayed code), across challenges:
 * asking for a new code never resets it, only a completed sign-in or a lock does.
 */
import type { KeyValueStore } from '@vaxledger/kernel';

const key = (accountId: string) => `login:consecutive-failures:${accountId}`;
/** A run of failures older than a day no longer counts towards a lock. */
const runLifetimeMs = 24 * 3600_000;

export class ConsecutiveFailures {
  constructor(private readonly kv: KeyValueStore) {}

  record(accountId: string): Promise<number> {
    return this.kv.increment(key(accountId), runLifetimeMs);
  }

  reset(accountId: string): Promise<void> {
    return this.kv.delete(key(accountId));
  }
}

/**
 * A small semaphore in front of argon2. Every hash holds one of libuv's worker threads (4 by default) for tens of
 * milliseconds; the same threads run the durable commits and file I/O of the process. Bounding concurrent hashes
 * keeps threads free for commits however many logins arrive, and a bounded queue turns a flood into quick
 * refusals instead of a growing backlog.
 */
import { DomainError } from '@vaxledger/kernel';

export class HashingSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) throw hashingBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Hashes running now (for metrics and tests). */
  get inUse(): number {
    return this.running;
  }
}

export const hashingBusy = () =>
  new DomainError('rate_limited', 'rate_limited', 'Too many sign-ins are being checked right now; try again in a moment.', {
    retryAfterSeconds: 1,
  });

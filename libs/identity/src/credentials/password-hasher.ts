/** argon2id password hashing, with a dummy verification so unknown usernames take as long as wrong passwords. */
import argon2 from 'argon2';
import { HashingSlots } from './hashing-slots';

export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). */
export const defaultArgon2Cost: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly cost: Argon2Cost = defaultArgon2Cost,
    /** Bounds concurrent hashes; over the bound and the queue, a call throws 429 `rate_limited`. */
    private readonly slots = new HashingSlots(2, 64),
  ) {}

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, { type: argon2.argon2id, ...this.cost }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return this.slots.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /** Spends the same work as a real verification and always fails. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('dummy password that matches no account');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

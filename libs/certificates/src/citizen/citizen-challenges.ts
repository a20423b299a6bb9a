/**
 * One-time code challenges of the citizen look-up, in the key-value store (5 minutes, single use, at most 5
 * wrong codes). A look-up that matched nobody gets a challenge too, which no code opens: the caller cannot
 * tell the two apart. Codes are kept as HMACs only.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { type KeyValueStore, newOpaqueId } from '@vaxledger/kernel';
import { citizenKey } from './citizen-keys';

export const citizenCodeTtlMs = 5 * 60_000;
export const maxWrongCodes = 5;

interface StoredChallenge {
  subjectId: string | null;
  codeMac: string | null;
  failures: number;
}

export class CitizenChallenges {
  private readonly key: Buffer;

  constructor(
    private readonly kv: KeyValueStore,
    citizenRecordsKey: Buffer,
  ) {
    this.key = citizenKey(citizenRecordsKey, 'citizen-code');
  }

  /** A challenge for `subjectId` with a fresh 6-digit code, or (null) a decoy that no code opens. */
  async open(subjectId: string | null): Promise<{ challengeId: string; code: string | null }> {
    const challengeId = newOpaqueId();
    const code = subjectId ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
    const stored: StoredChallenge = { subjectId, codeMac: code ? this.mac(challengeId, code) : null, failures: 0 };
    await this.kv.set(this.keyOf(challengeId), JSON.stringify(stored), citizenCodeTtlMs);
    return { challengeId, code };
  }

  /** The subject when the code is right (the challenge is then used up); null otherwise. */
  async redeem(challengeId: string, code: string): Promise<string | null> {
    const key = this.keyOf(challengeId);
    const raw = await this.kv.get(key);
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredChallenge;
    const expected = stored.codeMac ? Buffer.from(stored.codeMac, 'hex') : Buffer.alloc(32);
    const given = Buffer.from(this.mac(challengeId, code), 'hex');
    const matches = stored.codeMac !== null && timingSafeEqual(expected, given);
    if (matches && stored.subjectId) {
      await this.kv.delete(key);
      return stored.subjectId;
    }
    stored.failures += 1;
    if (stored.failures >= maxWrongCodes) await this.kv.delete(key);
    else await this.kv.set(key, JSON.stringify(stored), (await this.kv.ttlMs(key)) ?? citizenCodeTtlMs);
    return null;
  }

  private mac(challengeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${code}`).digest('hex');
  }

  private keyOf(challengeId: string): string {
    return `certificates:citizen-challenge:${challengeId}`;
  }
}

/** Distributed KeyValueStore on Redis (ioredis); every key is namespaced by a per-service prefix. */
import Redis from 'ioredis';
import type { KeyValueStore, TokenBucket, TokenTake } from '@vaxledger/kernel';
import { assertValidBucket } from './token-bucket';
import { assertValidTtl } from './ttl-validation';

/** INCR that sets the expiry only when it creates the counter, so a lockout window never slides. */
const INCREMENT_WITH_TTL_ON_CREATE = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCR', KEYS[1])
if existed == 0 and tonumber(ARGV[1]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return value`;

/** GETDEL for servers older than 6.2. */
const GET_AND_DELETE = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('DEL', KEYS[1]) end
return value`;

/**
 * Token bucket, the same steps as token-bucket.ts: refill for the time elapsed, take one token when there is
 * one, store `<tokens>|<last ms>` with an expiry at the moment the bucket would be full again. Returns
 * {taken, remaining, retryAfterMs} as integers (Lua numbers returned to Redis are truncated).
 */
const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local tokens = capacity
local last = now
local stored = redis.call('GET', KEYS[1])
if stored then
  local sep = string.find(stored, '|', 1, true)
  if sep then
    local t = tonumber(string.sub(stored, 1, sep - 1))
    local l = tonumber(string.sub(stored, sep + 1))
    if t and l then tokens = t; last = l end
  end
end
if now > last then
  tokens = math.min(capacity, tokens + (now - last) / interval)
  last = now
end
if tokens < 1 then
  return {0, 0, math.ceil((1 - tokens) * interval)}
end
tokens = tokens - 1
redis.call('SET', KEYS[1], string.format('%.17g', tokens) .. '|' .. string.format('%d', last), 'PX', math.ceil((capacity - tokens) * interval) + 1)
return {1, math.floor(tokens), 0}`;

interface ScriptedCommands {
  vxTakeToken(key: string, capacity: number, refillIntervalMs: number, nowMs: number): Promise<[number, number, number]>;
  vxIncrementWithTtlOnCreate(key: string, ttlMs: number): Promise<number>;
  vxGetAndDelete(key: string): Promise<string | null>;
}

/** Who the client is to Redis (an ACL user) and how it checks the server (TLS, with a `rediss://` URL). */
export interface RedisConnection {
  username?: string;
  password?: string;
  /** TLS to the server; `ca` (PEM) replaces the system trust store. Implied by a `rediss://` URL. */
  tls?: { ca?: string };
}

export class RedisStore implements KeyValueStore {
  private readonly client: Redis & ScriptedCommands;
  private getDelSupported = true;

  /**
   * @param url e.g. `redis://127.0.0.1:6379/0`
   * @param keyPrefix namespace of the owning service, e.g. `vx:identity:`; callers never see it.
   * @param connection the service's ACL user and TLS; the password comes from the environment, not the URL.
   */
  constructor(
    url: string,
    private readonly keyPrefix = '',
    connection: RedisConnection = {},
  ) {
    const tls = connection.tls ?? (url.startsWith('rediss://') ? {} : undefined);
    const client = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 3,
      ...(connection.username ? { username: connection.username } : {}),
      ...(connection.password ? { password: connection.password } : {}),
      ...(tls ? { tls: tls.ca ? { ca: [tls.ca] } : {} } : {}),
    });
    // defineCommand runs the scripts by EVALSHA and falls back to EVAL when the server has not cached them.
    client.defineCommand('vxIncrementWithTtlOnCreate', {
      numberOfKeys: 1,
      lua: INCREMENT_WITH_TTL_ON_CREATE,
    });
    client.defineCommand('vxGetAndDelete', { numberOfKeys: 1, lua: GET_AND_DELETE });
    client.defineCommand('vxTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    this.client = client as Redis & ScriptedCommands;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) {
      await this.client.set(this.keyPrefix + key, value);
      return;
    }
    assertValidTtl(ttlMs);
    await this.client.set(this.keyPrefix + key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (ttlMs === undefined) {
      return (await this.client.set(this.keyPrefix + key, value, 'NX')) === 'OK';
    }
    assertValidTtl(ttlMs);
    return (await this.client.set(this.keyPrefix + key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.keyPrefix + key);
  }

  async getMany(keys: string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return [];
    return this.client.mget(keys.map((key) => this.keyPrefix + key));
  }

  async setMany(entries: Array<{ key: string; value: string }>, ttlMs?: number): Promise<void> {
    if (entries.length === 0) return;
    if (ttlMs !== undefined) assertValidTtl(ttlMs);
    // MULTI/EXEC: one round trip, applied as a whole.
    const transaction = this.client.multi();
    for (const { key, value } of entries) {
      if (ttlMs === undefined) transaction.set(this.keyPrefix + key, value);
      else transaction.set(this.keyPrefix + key, value, 'PX', ttlMs);
    }
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  async getAndDelete(key: string): Promise<string | null> {
    const fullKey = this.keyPrefix + key;
    if (this.getDelSupported) {
      try {
        return await this.client.getdel(fullKey);
      } catch (error) {
        if (!(error instanceof Error && /unknown command/i.test(error.message))) throw error;
        this.getDelSupported = false;
      }
    }
    return this.client.vxGetAndDelete(fullKey);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.keyPrefix + key);
  }

  async increment(key: string, ttlMs?: number): Promise<number> {
    if (ttlMs !== undefined) assertValidTtl(ttlMs);
    return this.client.vxIncrementWithTtlOnCreate(this.keyPrefix + key, ttlMs ?? 0);
  }

  async takeToken(key: string, bucket: TokenBucket, nowMs: number): Promise<TokenTake> {
    assertValidBucket(bucket);
    const [taken, remaining, retryAfterMs] = await this.client.vxTakeToken(
      this.keyPrefix + key,
      bucket.capacity,
      bucket.refillIntervalMs,
      Math.floor(nowMs),
    );
    return { taken: taken === 1, remaining, retryAfterMs };
  }

  async addToSet(key: string, member: string, ttlMs: number): Promise<void> {
    assertValidTtl(ttlMs);
    // MULTI/EXEC: the member and the new expiry land together.
    const results = await this.client.multi().sadd(this.keyPrefix + key, member).pexpire(this.keyPrefix + key, ttlMs).exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  async setMembers(key: string): Promise<string[]> {
    return this.client.smembers(this.keyPrefix + key);
  }

  async removeFromSet(key: string, member: string): Promise<void> {
    await this.client.srem(this.keyPrefix + key, member);
  }

  async ttlMs(key: string): Promise<number | null> {
    const remaining = await this.client.pttl(this.keyPrefix + key);
    // -2: no such key, -1: key without expiry.
    return remaining < 0 ? null : remaining;
  }

  async keys(prefix: string): Promise<string[]> {
    const pattern = escapeGlob(this.keyPrefix + prefix) + '*';
    const found = new Set<string>();
    // SCAN, never KEYS: KEYS blocks the server for the whole keyspace. SCAN may repeat a key, hence the set.
    let cursor = '0';
    do {
      const [next, batch] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      for (const fullKey of batch) found.add(fullKey.slice(this.keyPrefix.length));
      cursor = next;
    } while (cursor !== '0');
    return [...found];
  }

  /** Readiness probe. */
  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit();
  }
}

/** SCAN MATCH treats * ? [ ] \ as glob syntax; a prefix must match literally. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}

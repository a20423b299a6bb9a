/**
 * The test engines refuse what a service's own credentials do not allow: Redis and the Mongo-wire server refuse
 * a client without credentials and one with a wrong password, and Redis refuses a service's principal outside
 * its key prefix. (Kafka's refusals — a cross-topic publish, another service's group — are in
 * libs/event-bus/test/kafka-acls.spec.ts.) FerretDB v1 implements no roles, so a Mongo principal is limited
 * to authenticated or not; docs/operations.md says what real MongoDB adds.
 */
import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { describeWithEngine, enginePrincipals } from '@vaxledger/testing';

const credentials = () => {
  const found = enginePrincipals();
  if (!found) throw new Error('VAXLEDGER_ENGINE_CREDENTIALS is not set: start the engines with scripts/engines.sh');
  return { ca: readFileSync(found.caFile, 'utf8'), principals: found.principals };
};

describeWithEngine('redis', 'Redis authentication and per-service ACLs', (url) => {
  const { ca, principals } = credentials();
  const clients: Redis[] = [];
  const errors = new Map<Redis, string[]>();
  const connect = (auth: { username?: string; password?: string }) => {
    const client = new Redis(url, { ...auth, tls: { ca: [ca] }, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    errors.set(client, []);
    client.on('error', (error: Error) => errors.get(client)!.push(error.message));
    clients.push(client);
    return client;
  };

  afterAll(() => {
    for (const client of clients) client.disconnect();
  });

  it('refuses a client that sends no credentials (the default user is off)', async () => {
    const client = connect({});
    await client.connect();
    await expect(client.get('vx:registry:anything')).rejects.toThrow(/NOAUTH/);
    await expect(client.set('vx:registry:anything', 'x')).rejects.toThrow(/NOAUTH/);
  });

  it('refuses a service principal with a wrong password', async () => {
    const client = connect({ username: principals.registry.username, password: `${principals.registry.password}x` });
    await client.connect().catch(() => undefined);
    await expect(client.get('vx:registry:anything')).rejects.toThrow();
    expect(errors.get(client)!.join(' ')).toMatch(/WRONGPASS/);
  });

  it('lets a service use its own prefix and refuses another service\'s keys and dangerous commands', async () => {
    const registry = connect({ username: principals.registry.username, password: principals.registry.password });
    await registry.connect();
    await registry.set('vx:registry:auth-test', 'mine', 'PX', 10_000);
    expect(await registry.get('vx:registry:auth-test')).toBe('mine');
    await expect(registry.get('vx:identity:auth-test')).rejects.toThrow(/NOPERM/);
    await expect(registry.set('vx:identity:revoked:acc-1', '0')).rejects.toThrow(/NOPERM/);
    await expect(registry.flushall()).rejects.toThrow(/NOPERM/);
    await expect(registry.call('ACL', 'LIST')).rejects.toThrow(/NOPERM/);
    await registry.del('vx:registry:auth-test');
  });
});

describeWithEngine('mongo', 'Mongo-wire server authentication', () => {
  const { ca, principals } = credentials();
  const address = process.env.MONGO_URL!.trim();
  const client = (auth?: { username: string; password: string }) =>
    new MongoClient(address, {
      tls: true,
      ca,
      serverSelectionTimeoutMS: 5_000,
      ...(auth ? { auth, authSource: 'admin', authMechanism: 'SCRAM-SHA-256' as const } : {}),
    });

  it('refuses reads and writes from a client that sends no credentials', async () => {
    const anonymous = client();
    try {
      await expect(anonymous.db('vx_auth_test').collection('probe').insertOne({ at: new Date() })).rejects.toThrow(
        /auth|Unauthorized|requires authentication/i,
      );
      await expect(anonymous.db('vx_auth_test').collection('probe').findOne({})).rejects.toThrow(/auth|Unauthorized/i);
    } finally {
      await anonymous.close();
    }
  });

  it('refuses a service principal with a wrong password', async () => {
    const wrong = client({ username: principals.registry.username, password: `${principals.registry.password}x` });
    try {
      await expect(wrong.connect()).rejects.toThrow(/Authentication failed|auth/i);
    } finally {
      await wrong.close();
    }
  });

  it('lets the same principal in with its own password', async () => {
    const right = client({ username: principals.registry.username, password: principals.registry.password });
    try {
      await right.connect();
      const probe = right.db('vx_auth_test').collection('probe');
      await probe.insertOne({ at: new Date() });
      expect(await probe.countDocuments()).toBeGreaterThan(0);
      await right.db('vx_auth_test').dropDatabase();
    } finally {
      await right.close();
    }
  });
});

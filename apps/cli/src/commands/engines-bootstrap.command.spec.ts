import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { topicAccess } from '@vaxledger/contracts';
import { kafkaAclBindings, kafkaJsSecurity, removeKafkaAcls } from '@vaxledger/event-bus';
import { RedisStore } from '@vaxledger/kv-store';
import { MongoReadModelStore, mongoUrlWithConnection } from '@vaxledger/read-models';
import { describeWithEngine, enginePrincipals } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { enginesBootstrapCommand } from './engines-bootstrap.command';

describeWithEngine('kafka', 'engines bootstrap', (brokers) => {
  describeWithEngine('redis', 'on Redis', (redisUrl) => {
    describeWithEngine('mongo', 'and MongoDB', (mongoUrl) => {
      const found = enginePrincipals();
      if (!found) throw new Error('VAXLEDGER_ENGINE_CREDENTIALS is not set: start the engines with scripts/engines.sh');
      const credentials = found;
      const admin = credentials.principals.admin;
      const ca = readFileSync(credentials.caFile, 'utf8');
      // Principals and a namespace of this run only, so the engines' own users and ACLs are left as they are.
      const run = randomBytes(4).toString('hex');
      const prefix = `vx-bootstrap-${run}-`;
      const namespace = `vx-bootstrap-${run}`;
      const passwords = { identity: `identity-${run}-${randomBytes(12).toString('hex')}`, registry: `registry-${run}-${randomBytes(12).toString('hex')}`, immunization: `immunization-${run}-${randomBytes(12).toString('hex')}`, audit: `audit-${run}-${randomBytes(12).toString('hex')}` };

      async function bootstrap(...argv: string[]) {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['engines', 'bootstrap', ...argv], {
          commands: [enginesBootstrapCommand],
          env: {
            PATH: process.env.PATH,
            VAXLEDGER_PRINCIPAL_PREFIX: prefix,
            KAFKA_BROKERS: brokers,
            KAFKA_NAMESPACE: namespace,
            KAFKA_TOPIC_PARTITIONS: '1',
            KAFKA_SASL_USERNAME: admin.username,
            KAFKA_SASL_PASSWORD: admin.password,
            KAFKA_TLS: 'true',
            KAFKA_TLS_CA_FILE: credentials.caFile,
            REDIS_URL: redisUrl,
            REDIS_USERNAME: admin.username,
            REDIS_PASSWORD: admin.password,
            REDIS_TLS_CA_FILE: credentials.caFile,
            MONGO_URL: mongoUrl.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, ''),
            MONGO_USERNAME: admin.username,
            MONGO_PASSWORD: admin.password,
            MONGO_TLS: 'true',
            MONGO_TLS_CA_FILE: credentials.caFile,
            ...Object.fromEntries(Object.entries(passwords).map(([service, password]) => [`${service.toUpperCase()}_ENGINE_PASSWORD`, password])),
          },
          stdout: { write: (text: string) => out.push(text) },
          stderr: { write: (text: string) => err.push(text) },
          stdin: new PassThrough(),
        });
        return { code, stdout: out.join(''), stderr: err.join('') };
      }

      afterAll(async () => {
        const redis = new Redis(redisUrl, { username: admin.username, password: admin.password, tls: { ca: [ca] } });
        for (const service of Object.keys(passwords)) await redis.call('ACL', 'DELUSER', `${prefix}${service}`);
        await redis.quit();
        const kafka = new Kafka({ clientId: 'vx-bootstrap-cleanup', brokers: brokers.split(','), ...kafkaJsSecurity({ tls: { ca }, sasl: { mechanism: 'scram-sha-512', ...admin } }), logLevel: logLevel.NOTHING }).admin();
        await kafka.connect();
        const ours = (await kafka.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
        await kafka.deleteTopics({ topics: ours }).catch(() => undefined);
        await removeKafkaAcls(kafka, kafkaAclBindings(topicAccess, { namespace, principalOf: (role) => `${prefix}${role}` }));
        await kafka.disconnect();
      });

      it('makes the topics and ACLs, the Redis users and the Mongo users, and can run again', async () => {
        const first = await bootstrap('--skip-mongo');
        expect(first).toMatchObject({ code: 0, stderr: '' });
        expect(first.stdout).toMatch(new RegExp(`kafka: ${topicAccess.length} topics and \\d+ ACLs in place`));
        expect(first.stdout).toContain('redis: 4 ACL users in place');
        expect((await bootstrap('--skip-kafka', '--skip-mongo')).code).toBe(0);

        // The checkpoints topic is compacted and never expires.
        const kafka = new Kafka({ clientId: 'vx-bootstrap-check', brokers: brokers.split(','), ...kafkaJsSecurity({ tls: { ca }, sasl: { mechanism: 'scram-sha-512', ...admin } }), logLevel: logLevel.NOTHING }).admin();
        await kafka.connect();
        try {
          const described = await kafka.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: `${namespace}.vaxledger.audit.checkpoints.v1`, configNames: ['cleanup.policy', 'retention.ms'] }] });
          const entries = Object.fromEntries(described.resources[0].configEntries.map((e) => [e.configName, e.configValue]));
          expect(entries).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
        } finally {
          await kafka.disconnect();
        }

        // registry's Redis user reaches its own prefix and nothing else.
        const own = new RedisStore(redisUrl, 'vx:registry:bootstrap-test:', { username: `${prefix}registry`, password: passwords.registry, tls: { ca } });
        await own.set('k', 'v', 5_000);
        expect(await own.get('k')).toBe('v');
        await own.close();
        const foreign = new RedisStore(redisUrl, 'vx:identity:bootstrap-test:', { username: `${prefix}registry`, password: passwords.registry, tls: { ca } });
        await expect(foreign.get('k')).rejects.toThrow(/NOPERM/);
        await foreign.close();
      });

      it('gives each service a Mongo user (without roles on a server that has none)', async () => {
        const result = await bootstrap('--skip-kafka', '--skip-redis');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('mongo: 4 users in place');
        const base = mongoUrl.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
        const store = await MongoReadModelStore.connect(
          mongoUrlWithConnection(base, { username: `${prefix}audit`, password: passwords.audit, tls: true, tlsCAFile: credentials.caFile }),
          { dbName: `vx_bootstrap_${run}` },
        );
        await store.ping();
        await store.dropDatabase();
        await store.close();
      });
    });
  });
});

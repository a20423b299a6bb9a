// Account set-up of the test engines, called by scripts/engines.sh (plain JavaScript: it runs before any build).
// Credentials come from the credentials file engines.sh generated (VX_CREDENTIALS_FILE), never from argv.
//
//   node scripts/engine-accounts.mjs kafka-ready        # SASL_SSL login as the admin, broker listed
//   node scripts/engine-accounts.mjs kafka-grant-test   # ACLs of the suites' own principal
//   node scripts/engine-accounts.mjs mongo-users        # FerretDB users for every principal
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));
const credentials = JSON.parse(readFileSync(process.env.VX_CREDENTIALS_FILE, 'utf8'));
const ca = readFileSync(credentials.caFile, 'utf8');
const admin = credentials.principals.admin;

function kafkaAdmin() {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'vaxledger-engines',
    brokers: [process.env.VX_KAFKA_BROKER],
    ssl: { ca: [ca] },
    sasl: { mechanism: 'scram-sha-512', username: admin.username, password: admin.password },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 0 },
  });
  return kafka.admin();
}

async function kafkaReady() {
  const client = kafkaAdmin();
  try {
    await client.connect();
    const cluster = await client.describeCluster();
    if (cluster.brokers.length < 1) throw new Error('no broker registered yet');
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

async function kafkaGrantTest() {
  const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = require('kafkajs');
  const principal = `User:${credentials.principals.test.username}`;
  const client = kafkaAdmin();
  await client.connect();
  try {
    await client.createAcls({
      acl: [AclResourceTypes.TOPIC, AclResourceTypes.GROUP, AclResourceTypes.TRANSACTIONAL_ID].map((resourceType) => ({
        resourceType,
        resourceName: '*',
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal,
        host: '*',
        operation: AclOperationTypes.ALL,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

async function mongoUsers() {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(`mongodb://${process.env.VX_MONGO_ADDRESS}/`, {
    tls: true,
    tlsCAFile: credentials.caFile,
    auth: { username: admin.username, password: admin.password },
    authSource: 'admin',
    serverSelectionTimeoutMS: 5000,
  });
  await client.connect();
  try {
    const adminDb = client.db('admin');
    const existing = new Set((await adminDb.command({ usersInfo: 1 })).users.map((user) => user.user));
    for (const [role, { username, password }] of Object.entries(credentials.principals)) {
      if (role === 'admin') continue;
      // FerretDB v1 implements no roles: an empty list is the only one it takes (real MongoDB: see operations.md).
      if (existing.has(username)) await adminDb.command({ updateUser: username, pwd: password });
      else await adminDb.command({ createUser: username, pwd: password, roles: [] });
    }
  } finally {
    await client.close();
  }
}

const commands = { 'kafka-ready': kafkaReady, 'kafka-grant-test': kafkaGrantTest, 'mongo-users': mongoUsers };
const command = commands[process.argv[2]];
if (!command) {
  process.stderr.write(`usage: node scripts/engine-accounts.mjs ${Object.keys(commands).join('|')}\n`);
  process.exit(2);
}
try {
  await command();
} catch (error) {
  process.stderr.write(`[engines] ${process.argv[2]}: ${error?.message ?? error}\n`);
  process.exit(1);
}

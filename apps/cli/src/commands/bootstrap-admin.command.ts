/**
 * `bootstrap-admin --username U --password P`: creates the first national administrator and prints its
 * otpauth:// URI. Standalone: writes the identity event store of the data directory directly (safe while the
 * server runs: SQLite WAL with a busy timeout; the server's projections pick the events up by polling).
 * Distributed: EVENTSTORE_URL points at EventStoreDB.
 */
import { join, resolve } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore } from '@vaxledger/event-store';
import { bootstrapNationalAdmin, BootstrapRefused } from '@vaxledger/identity';
import { decodeSecret, secretFromEnvOrFile } from '@vaxledger/infrastructure';
import { type EventStore, systemClock } from '@vaxledger/kernel';
import { type CliCommand, type CliContext, exitCodes } from '../cli-command';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The identity event store, chosen the way the identity process chooses it: `EVENT_STORE=esdb` with
 * `EVENTSTORE_URL`, or `EVENT_STORE=sqlite` with `EVENT_STORE_SQLITE_PATH` (distributed); otherwise the
 * standalone data folder (`--data-dir`, `VAXLEDGER_DATA_DIR`, `./data`).
 */
function identityStore(context: CliContext): { store: EventStore; lookupKey: Buffer; where: string } {
  const { env } = context;
  const distributedKey = () => {
    if (!env.VAXLEDGER_LOOKUP_KEY) throw new Error('VAXLEDGER_LOOKUP_KEY must be set (the same key the identity service uses)');
    return decodeSecret(env.VAXLEDGER_LOOKUP_KEY);
  };
  const kind = env.EVENT_STORE ?? (env.EVENTSTORE_URL ? 'esdb' : undefined);
  if (kind === 'esdb') {
    if (!env.EVENTSTORE_URL) throw new Error('EVENT_STORE=esdb needs EVENTSTORE_URL');
    return { store: new EventStoreDbEventStore(env.EVENTSTORE_URL), lookupKey: distributedKey(), where: 'EventStoreDB' };
  }
  if (kind === 'sqlite' && !context.options['data-dir']) {
    if (!env.EVENT_STORE_SQLITE_PATH) throw new Error('EVENT_STORE=sqlite needs EVENT_STORE_SQLITE_PATH');
    const path = resolve(env.EVENT_STORE_SQLITE_PATH);
    return { store: new SqliteEventStore(path), lookupKey: distributedKey(), where: path };
  }
  if (kind !== undefined && kind !== 'sqlite') throw new Error(`EVENT_STORE must be esdb or sqlite, not "${kind}"`);
  const dataDir = resolve(String(context.options['data-dir'] ?? env.VAXLEDGER_DATA_DIR ?? './data'));
  const lookupKey = secretFromEnvOrFile(env.VAXLEDGER_LOOKUP_KEY, join(dataDir, 'keys', 'lookup.key'));
  return { store: new SqliteEventStore(join(dataDir, 'identity', 'events.db')), lookupKey, where: dataDir };
}

export const bootstrapAdminCommand: CliCommand = {
  words: ['bootstrap-admin'],
  summary: 'Creates the first national administrator (refuses if one exists) and prints its otpauth:// URI.',
  usage: '--username U (--password P | --password-stdin) [--data-dir DIR]',
  options: {
    username: { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  async run(context) {
    const username = context.options.username;
    let password = context.options.password;
    if (context.options['password-stdin']) password = (await readAll(context.stdin)).replace(/\r?\n$/, '');
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      context.stderr.write(`bootstrap-admin needs --username and --password (or --password-stdin).\n`);
      return exitCodes.usage;
    }
    const { store, lookupKey, where } = identityStore(context);
    try {
      const created = await bootstrapNationalAdmin({
        username,
        password,
        eventStore: store,
        lookupKey,
        clock: systemClock,
        issuer: context.env.IDENTITY_TOTP_ISSUER || 'vaxledger',
      });
      context.stdout.write(
        [
          `National administrator "${username.trim().toLowerCase()}" created (account ${created.accountId}) in ${where}.`,
          'Add this to an authenticator app (it is shown only once), then sign in with password + code:',
          created.otpauthUri,
          '',
        ].join('\n'),
      );
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof BootstrapRefused) {
        context.stderr.write(`bootstrap-admin refused: ${error.message}\n`);
        return exitCodes.failed;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};

/**
 * `npm run cli -- audit <verify|replay|export|parked|checkpoints|retention>`: ops tasks on the audit trail.
 * Standalone: the trail file `<data dir>/audit/trail.db` (VAXLEDGER_DATA_DIR or --data-dir) and the key in
 * `<data dir>/keys/audit-signing.pem`. Distributed: AUDIT_TRAIL_MONGO_URL (+ MONGO_URL for the read model)
 * and AUDIT_SIGNING_KEY. Reading commands are safe while the service runs; `replay --rebuild` and `retention`
 * are meant for a stopped audit service (docs/audit.md).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  applyRetention,
  AuditEventsProjection,
  concerns,
  exportTrail,
  instant,
  loadAuditSettings,
  MongoTrailStore,
  parseReplayRange,
  SqliteTrailStore,
  timelineLine,
  TrailAppender,
  trailEntryAsCloudEvent,
  TrailEventLog,
  trailFile,
  type TrailStore,
  verifyTrail,
  walkTrail,
  type TrailVerificationReport,
} from '@vaxledger/audit';
import { KafkaEventBus } from '@vaxledger/event-bus';
import { ed25519FromEnvOrFile, engineCredentialsFromEnv, kafkaSecurityOf } from '@vaxledger/infrastructure';
import { type CloudEvent, ProjectionRunner, type ReadModelStore, systemClock } from '@vaxledger/kernel';
import { MongoReadModelStore, SqliteReadModelStore } from '@vaxledger/read-models';
import { type CliCommand, type CliContext, exitCodes } from '../cli-command';

interface AuditWorkspace {
  trail: TrailStore;
  signingKey: KeyObject;
  where: string;
  openReadModels(): Promise<ReadModelStore>;
  close(): Promise<void>;
}

const dataDirOption = { 'data-dir': { type: 'string' } } as const;

function text(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

async function openAuditWorkspace(context: CliContext): Promise<AuditWorkspace> {
  const { env } = context;
  const settings = loadAuditSettings(env);
  const closers: Array<() => Promise<void>> = [];
  let trail: TrailStore;
  let signingKey: KeyObject;
  let where: string;
  let openReadModels: () => Promise<ReadModelStore>;
  if (settings.AUDIT_TRAIL_MONGO_URL) {
    if (!env.AUDIT_SIGNING_KEY)
      throw new Error('AUDIT_SIGNING_KEY must be set (the key the audit service signs with)');
    signingKey = createPrivateKey(env.AUDIT_SIGNING_KEY.replace(/\\n/g, '\n'));
    trail = await MongoTrailStore.connect(settings.AUDIT_TRAIL_MONGO_URL);
    where = 'the audit Mongo database';
    openReadModels = () => MongoReadModelStore.connect(settings.MONGO_URL ?? settings.AUDIT_TRAIL_MONGO_URL!);
  } else {
    const dataDir = resolve(text(context, 'data-dir') ?? env.VAXLEDGER_DATA_DIR ?? './data');
    const file = trailFile(dataDir);
    // Never create an empty trail by looking for one in the wrong place.
    if (!existsSync(file))
      throw new Error(`there is no audit trail at ${file} (set VAXLEDGER_DATA_DIR or --data-dir)`);
    signingKey = ed25519FromEnvOrFile(env.AUDIT_SIGNING_KEY, join(dataDir, 'keys', 'audit-signing.pem'));
    trail = new SqliteTrailStore(file);
    where = file;
    openReadModels = async () => new SqliteReadModelStore(join(dataDir, 'audit', 'read-models.db'));
  }
  return {
    trail,
    signingKey,
    where,
    openReadModels: async () => {
      const store = await openReadModels();
      closers.push(() => store.close());
      return store;
    },
    async close() {
      for (const close of closers) await close();
      await trail.close();
    },
  };
}

async function withWorkspace(
  context: CliContext,
  work: (workspace: AuditWorkspace) => Promise<number>,
): Promise<number> {
  const workspace = await openAuditWorkspace(context);
  try {
    return await work(workspace);
  } finally {
    await workspace.close();
  }
}

export function describeVerification(report: TrailVerificationReport): string {
  const anchor =
    report.anchor.kind === 'genesis' ? 'the start' : `the retention boundary at #${report.anchor.sequence}`;
  if (report.ok) {
    const latest = report.latestCheckpoint
      ? `; latest checkpoint #${report.latestCheckpoint.sequence} (${report.latestCheckpoint.kind}, signed ${report.latestCheckpoint.at})`
      : '';
    return `audit trail OK: ${report.entriesChecked} entries verified from ${anchor} to #${report.head.sequence}, head ${report.head.hash}, ${report.checkpointsChecked} signed checkpoints checked (key ${report.signingKeyId})${latest}\n`;
  }
  const mismatch = report.firstMismatch!;
  return [
    `audit trail BROKEN at entry #${mismatch.sequence}${mismatch.eventId ? ` (event ${mismatch.eventId})` : ''}: ${mismatch.reason}`,
    `  ${mismatch.message}`,
    ...(mismatch.expected ? [`  expected ${mismatch.expected}`, `  found    ${mismatch.found}`] : []),
    `  ${report.entriesChecked} entries verified before it, from ${anchor}.`,
    '',
  ].join('\n');
}

export const auditVerifyCommand: CliCommand = {
  words: ['audit', 'verify'],
  summary:
    'Walks the audit hash chain and its signed checkpoints; reports the first entry that does not match (exit 1).',
  usage: '[--json] [--data-dir DIR]',
  options: { json: { type: 'boolean' }, ...dataDirOption },
  run: (context) =>
    withWorkspace(context, async ({ trail, signingKey }) => {
      const report = await verifyTrail(trail, createPublicKey(signingKey));
      context.stdout.write(
        context.options.json ? `${JSON.stringify(report, null, 2)}\n` : describeVerification(report),
      );
      return report.ok ? exitCodes.ok : exitCodes.failed;
    }),
};

export const auditReplayCommand: CliCommand = {
  words: ['audit', 'replay'],
  summary:
    'Replays a range of the trail: --rebuild its query read model, --republish it to a Kafka topic (KAFKA_BROKERS), or print a --timeline of one subject or account.',
  usage:
    '(--from-sequence N | --from-time T) [--to-time T] (--rebuild | --republish TOPIC | --timeline (--subject ID | --account ID)) [--data-dir DIR]',
  options: {
    'from-sequence': { type: 'string' },
    'from-time': { type: 'string' },
    'to-time': { type: 'string' },
    rebuild: { type: 'boolean' },
    republish: { type: 'string' },
    timeline: { type: 'boolean' },
    subject: { type: 'string' },
    account: { type: 'string' },
    ...dataDirOption,
  },
  async run(context) {
    const modes = [
      context.options.rebuild === true,
      text(context, 'republish') !== undefined,
      context.options.timeline === true,
    ];
    if (modes.filter(Boolean).length !== 1) {
      context.stderr.write('audit replay needs exactly one of --rebuild, --republish TOPIC, --timeline.\n');
      return exitCodes.usage;
    }
    let range;
    try {
      range = parseReplayRange({
        fromSequence: text(context, 'from-sequence'),
        fromTime: text(context, 'from-time'),
        toTime: text(context, 'to-time'),
      });
    } catch (error) {
      context.stderr.write(`${(error as Error).message}\n`);
      return exitCodes.usage;
    }
    if (context.options.timeline) {
      const subjectId = text(context, 'subject');
      const accountId = text(context, 'account');
      if (!subjectId === !accountId) {
        context.stderr.write('audit replay --timeline needs exactly one of --subject ID, --account ID.\n');
        return exitCodes.usage;
      }
      const focus = subjectId ? { subjectId } : { accountId: accountId! };
      return withWorkspace(context, async ({ trail }) => {
        let shown = 0;
        const scanned = await walkTrail(trail, range, async (entries) => {
          for (const entry of entries.filter((e) => concerns(e, focus))) {
            context.stdout.write(`${timelineLine(entry)}\n`);
            shown++;
          }
        });
        context.stderr.write(
          `${shown} of ${scanned} entries concern ${subjectId ? `subject ${subjectId}` : `account ${accountId}`}.\n`,
        );
        return exitCodes.ok;
      });
    }
    const topic = text(context, 'republish');
    if (topic !== undefined) {
      const brokers = (context.env.KAFKA_BROKERS ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean);
      if (brokers.length === 0) {
        context.stderr.write(
          'audit replay --republish needs KAFKA_BROKERS (the broker of the downstream consumer).\n',
        );
        return exitCodes.usage;
      }
      if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) {
        context.stderr.write(`"${topic}" is not a valid Kafka topic name.\n`);
        return exitCodes.usage;
      }
      return withWorkspace(context, async ({ trail }) => {
        const bus = new KafkaEventBus({
          brokers,
          clientId: context.env.KAFKA_CLIENT_ID ?? 'vaxledger-audit-replay',
          // The operator's own principal (KAFKA_SASL_USERNAME/PASSWORD, KAFKA_TLS_CA_FILE), like a service's.
          security: kafkaSecurityOf(engineCredentialsFromEnv(context.env)),
        });
        try {
          let published = 0;
          await walkTrail(
            trail,
            range,
            async (entries) => {
              const messages: CloudEvent[] = entries.map(trailEntryAsCloudEvent);
              await bus.publish(topic, messages);
              published += messages.length;
            },
            500,
          );
          context.stdout.write(`republished ${published} entries to ${topic}\n`);
          return exitCodes.ok;
        } finally {
          await bus.close();
        }
      });
    }
    return withWorkspace(context, async ({ trail, openReadModels }) => {
      const readModels = await openReadModels();
      const projection = new AuditEventsProjection(readModels);
      const started = Date.now();
      let count: number;
      if ((range.fromSequence ?? 0) <= 1 && !range.fromTime && !range.toTime) {
        const log = new TrailEventLog(trail);
        count = (await ProjectionRunner.rebuild(log, readModels, projection)).applied;
      } else {
        count = await walkTrail(trail, range, (entries) => projection.reapply(entries));
      }
      context.stdout.write(
        `rebuilt the audit read model from ${count} trail entries in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return exitCodes.ok;
    });
  },
};

export const auditExportCommand: CliCommand = {
  words: ['audit', 'export'],
  summary:
    'Exports a range of the trail with its chain hashes, signed checkpoints and public key, for verification by an outside party (docs/audit.md).',
  usage: '[--from T] [--to T] --format jsonl|csv [--out FILE] [--data-dir DIR]',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    ...dataDirOption,
  },
  async run(context) {
    const format = text(context, 'format');
    if (format !== 'jsonl' && format !== 'csv') {
      context.stderr.write('audit export needs --format jsonl or --format csv.\n');
      return exitCodes.usage;
    }
    let from: string | undefined;
    let to: string | undefined;
    try {
      from = text(context, 'from') && instant(text(context, 'from')!, 'start', '--from');
      to = text(context, 'to') && instant(text(context, 'to')!, 'end', '--to');
    } catch (error) {
      context.stderr.write(`${(error as Error).message}\n`);
      return exitCodes.usage;
    }
    const out = text(context, 'out');
    return withWorkspace(context, async ({ trail, signingKey }) => {
      const fd = out ? openSync(out, 'w', 0o600) : null;
      try {
        const manifest = await exportTrail(
          trail,
          signingKey,
          { from, to, format, now: systemClock.now() },
          (chunk) => {
            if (fd !== null) writeSync(fd, chunk);
            else context.stdout.write(chunk);
          },
        );
        if (format === 'csv') {
          // CSV holds entries only; the anchor, checkpoints and key travel beside it.
          const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
          if (out) {
            const manifestFd = openSync(`${out}.manifest.json`, 'w', 0o600);
            writeSync(manifestFd, manifestText);
            closeSync(manifestFd);
          } else context.stderr.write(manifestText);
        }
        context.stderr.write(
          `exported ${manifest.entries} entries${manifest.firstSequence ? ` (#${manifest.firstSequence}..#${manifest.lastSequence})` : ''}${out ? ` to ${out}` : ''}, with ${manifest.checkpoints.length} signed checkpoints\n`,
        );
        return exitCodes.ok;
      } finally {
        if (fd !== null) closeSync(fd);
      }
    });
  },
};

export const auditParkedCommand: CliCommand = {
  words: ['audit', 'parked'],
  summary: 'Lists the messages the audit intake could not read, with their error (newest first).',
  usage: '[--limit N] [--data-dir DIR]',
  options: { limit: { type: 'string' }, ...dataDirOption },
  run: (context) =>
    withWorkspace(context, async ({ trail }) => {
      const limit = Number(text(context, 'limit') ?? 100);
      const parked = await trail.parked(Number.isSafeInteger(limit) && limit > 0 ? limit : 100);
      const total = await trail.parkedCount();
      for (const message of parked) {
        // Ids, topic and reason only: the stored message may hold personal data and stays in the store.
        context.stdout.write(
          `${message.parkedAt}  ${message.topic}  ${message.type}  ${message.eventId}  ${message.error}\n`,
        );
      }
      context.stderr.write(
        `${total} parked message${total === 1 ? '' : 's'}${total > parked.length ? ` (${parked.length} shown)` : ''}\n`,
      );
      return exitCodes.ok;
    }),
};

export const auditCheckpointsCommand: CliCommand = {
  words: ['audit', 'checkpoints'],
  summary: 'Prints the signed checkpoints of the trail (JSON lines), or only the latest.',
  usage: '[--latest] [--data-dir DIR]',
  options: { latest: { type: 'boolean' }, ...dataDirOption },
  run: (context) =>
    withWorkspace(context, async ({ trail }) => {
      const checkpoints = context.options.latest
        ? [await trail.latestCheckpoint()].filter((c) => c !== null)
        : await trail.checkpoints();
      for (const checkpoint of checkpoints) context.stdout.write(`${JSON.stringify(checkpoint)}\n`);
      return exitCodes.ok;
    }),
};

export const auditRetentionCommand: CliCommand = {
  words: ['audit', 'retention'],
  summary:
    'Applies access-record retention now (AUDIT_ACCESS_RETENTION_DAYS or --days): removes the trail prefix older than the cutoff behind a signed retention checkpoint.',
  usage: '[--days N] [--data-dir DIR]',
  options: { days: { type: 'string' }, ...dataDirOption },
  run: (context) =>
    withWorkspace(context, async ({ trail, signingKey, openReadModels }) => {
      const days = Number(
        text(context, 'days') ?? loadAuditSettings(context.env).AUDIT_ACCESS_RETENTION_DAYS,
      );
      if (!Number.isSafeInteger(days) || days <= 0) {
        context.stderr.write('--days needs a positive whole number.\n');
        return exitCodes.usage;
      }
      const appender = new TrailAppender(trail, {
        clock: systemClock,
        signingKey,
        checkpointEvery: Number.MAX_SAFE_INTEGER,
      });
      const projection = new AuditEventsProjection(await openReadModels());
      const outcome = await applyRetention(
        { trail, appender, signingKey, clock: systemClock, projection },
        days,
      );
      if (outcome.refused) {
        context.stderr.write(`retention refused, nothing removed: ${outcome.refused.message}\n`);
        return exitCodes.failed;
      }
      context.stdout.write(
        outcome.boundary
          ? `removed ${outcome.removed} entries received before ${outcome.cutoff}; retention checkpoint #${outcome.boundary.sequence} ${outcome.boundary.hash}\n`
          : `nothing received before ${outcome.cutoff}; nothing removed\n`,
      );
      return exitCodes.ok;
    }),
};

/** Listed in commands/index.ts. */
export const auditCommands: CliCommand[] = [
  auditVerifyCommand,
  auditReplayCommand,
  auditExportCommand,
  auditParkedCommand,
  auditCheckpointsCommand,
  auditRetentionCommand,
];

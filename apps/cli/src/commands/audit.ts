/**
 * `npm run cli -- audit <verify|replay|export|parked|checkpoints|retention>`: ops tasks on the audit trail.
 * Standalone: the trail file `<data dir>/audit/trail.db` (VAXLEDGER_DATA_DIR or --data-dir) and the key in
 * `<data dir>/keys/audit-signing.pem`. Distributed: AUDIT_TRAIL_MONGO_URL (+ MONGO_URL for the read model)
 * and AUDIT_SIGNING_KEY. Reading commands are safe while the service runs; `replay --rebuild` and `retention`
 * are meant for a stopped audit service (docs/audit.md).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AnchorFile,
  anchorDirectory,
  anchorFileIn,
  applyRetention,
  type AuditSettings,
  type AuditSource,
  AuditEventsProjection,
  distributedSources,
  loadTrustedKeysOnly,
  readAnchors,
  readAnchorsWithKafka,
  standaloneSources,
  type TrustedKeys,
  trustedKeys,
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
import { engineCredentialsFromEnv, kafkaSecurityOf } from '@vaxledger/infrastructure';
import { type CloudEvent, ProjectionRunner, type ReadModelStore, systemClock } from '@vaxledger/kernel';
import { MongoReadModelStore, SqliteReadModelStore } from '@vaxledger/read-models';
import { type CliCommand, type CliContext, exitCodes } from '../cli-command';

interface AuditWorkspace {
  trail: TrailStore;
  settings: AuditSettings;
  where: string;
  /** Trusted public keys: `<anchor dir>/public-keys.pem`, AUDIT_VERIFY_KEYS(_FILE), and the key of AUDIT_SIGNING_KEY when given. */
  trusted: TrustedKeys;
  anchorDir: string;
  /** The services' event logs (standalone: the data dir; distributed: AUDIT_SOURCE_EVENT_STORES). */
  openSources(): AuditSource[];
  /** The signing key, for the commands that sign (export, retention); never created by the CLI. */
  signingKey(): KeyObject;
  openReadModels(): Promise<ReadModelStore>;
  close(): Promise<void>;
}

const dataDirOption = { 'data-dir': { type: 'string' } } as const;

function text(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

// Which events reach the trail does not depend on the lookup key (only reporting ids do): any key will do.
const sourceMapperInputs = (env: Record<string, string | undefined>) => ({ lookupKey: Buffer.alloc(32), settings: env });

async function openAuditWorkspace(context: CliContext): Promise<AuditWorkspace> {
  const { env } = context;
  const settings = loadAuditSettings(env);
  const closers: Array<() => Promise<void>> = [];
  let trail: TrailStore;
  let where: string;
  let anchorDir: string;
  let keyFile: string | null;
  let openReadModels: () => Promise<ReadModelStore>;
  let openSources: () => AuditSource[];
  if (settings.AUDIT_TRAIL_MONGO_URL) {
    anchorDir = anchorDirectory(settings, undefined, { kind: 'mongo', url: settings.AUDIT_TRAIL_MONGO_URL });
    keyFile = settings.AUDIT_SIGNING_KEY_FILE ?? null;
    trail = await MongoTrailStore.connect(settings.AUDIT_TRAIL_MONGO_URL);
    where = 'the audit Mongo database';
    openReadModels = () => MongoReadModelStore.connect(settings.MONGO_URL ?? settings.AUDIT_TRAIL_MONGO_URL!);
    openSources = () => distributedSources(settings, sourceMapperInputs(env));
  } else {
    const dataDir = resolve(text(context, 'data-dir') ?? env.VAXLEDGER_DATA_DIR ?? './data');
    const file = trailFile(dataDir);
    // Never create an empty trail by looking for one in the wrong place.
    if (!existsSync(file))
      throw new Error(`there is no audit trail at ${file} (set VAXLEDGER_DATA_DIR or --data-dir)`);
    anchorDir = anchorDirectory(settings, dataDir, { kind: 'sqlite', filename: file });
    keyFile = settings.AUDIT_SIGNING_KEY_FILE ?? join(dataDir, 'keys', 'audit-signing.pem');
    trail = new SqliteTrailStore(file);
    where = file;
    openReadModels = async () => new SqliteReadModelStore(join(dataDir, 'audit', 'read-models.db'));
    openSources = () => standaloneSources(dataDir, sourceMapperInputs(env));
  }
  const signingKey = () => {
    if (settings.AUDIT_SIGNING_KEY?.trim()) return createPrivateKey(settings.AUDIT_SIGNING_KEY.replace(/\\n/g, '\n'));
    if (keyFile && existsSync(keyFile)) return createPrivateKey(readFileSync(keyFile));
    throw new Error('the audit signing key is needed: set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE');
  };
  const listed = loadTrustedKeysOnly(settings, anchorDir);
  // Distributed, the signing key comes from the secret store: its public half is trusted like the service does.
  const trusted =
    settings.AUDIT_TRAIL_MONGO_URL && settings.AUDIT_SIGNING_KEY
      ? trustedKeys([...listed.values(), createPublicKey(signingKey())])
      : listed;
  return {
    trail,
    settings,
    where,
    trusted,
    anchorDir,
    signingKey,
    openSources: () => {
      const sources = openSources();
      closers.push(async () => {
        for (const source of sources) await source.close();
      });
      return sources;
    },
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

/** The appender the signing commands use: checkpoints go to the trail and the anchor file, like the service's. */
function workspaceAppender(workspace: AuditWorkspace, context: CliContext): TrailAppender {
  return new TrailAppender(workspace.trail, {
    clock: systemClock,
    signingKey: workspace.signingKey(),
    checkpointEvery: Number.MAX_SAFE_INTEGER,
    anchors: [AnchorFile.inDirectory(workspace.anchorDir)],
    onAnchorFailed: (anchor, checkpoint, error) =>
      context.stderr.write(
        `warning: checkpoint #${checkpoint.sequence} could not be written to the ${anchor}: ${(error as Error).message}\n`,
      ),
  });
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
  const sources = report.sources.map(
    (s) =>
      `  source ${s.source}: ${s.inTrail} of ${s.eventsExpected} events in the trail, ${s.missing} missing, ${s.removedByRetention} removed by signed retention, ${s.pending} still arriving`,
  );
  const retention = report.retention
    ? [`  retention boundary #${report.retention.sequence} signed ${report.retention.at}${report.retention.cutoff ? `, cutoff ${report.retention.cutoff}` : ''}`]
    : [];
  const anchors = report.anchorFile
    ? `${report.anchorsChecked} anchored checkpoints from ${report.anchorFile}`
    : 'no anchor file';
  if (report.ok) {
    const latest = report.latestCheckpoint
      ? `; latest checkpoint #${report.latestCheckpoint.sequence} (${report.latestCheckpoint.kind}, signed ${report.latestCheckpoint.at}, key ${report.latestCheckpoint.keyId})`
      : '';
    return [
      `audit trail OK: ${report.entriesChecked} entries verified from ${anchor} to #${report.head.sequence}, head ${report.head.hash}, ${report.checkpointsChecked} signed checkpoints checked, ${anchors}${latest}`,
      ...retention,
      ...sources,
      '',
    ].join('\n');
  }
  const mismatch = report.firstMismatch!;
  const where =
    mismatch.sequence !== null
      ? ` at entry #${mismatch.sequence}${mismatch.eventId ? ` (event ${mismatch.eventId})` : ''}`
      : mismatch.source
        ? ` in the ${mismatch.source.name} event log${mismatch.eventId ? ` (event ${mismatch.eventId})` : ''}`
        : '';
  return [
    `audit trail BROKEN${where}: ${mismatch.reason}`,
    `  ${mismatch.message}`,
    ...(mismatch.expected ? [`  expected ${mismatch.expected}`, `  found    ${mismatch.found}`] : []),
    ...report.problems.slice(1).map((problem) => `  also: ${problem.reason}: ${problem.message}`),
    `  ${report.entriesChecked} entries verified, from ${anchor}; ${anchors}.`,
    ...retention,
    ...sources,
    '',
  ].join('\n');
}

/** KAFKA_BROKERS as a list (empty when unset): the brokers of the operator's own Kafka commands. */
function kafkaBrokersOf(context: CliContext): string[] {
  return (context.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/** A bus on the operator's own principal (KAFKA_SASL_USERNAME/PASSWORD, KAFKA_TLS_CA_FILE), like a service's. */
function operatorBus(context: CliContext, brokers: string[], clientId: string, namespace?: string): KafkaEventBus {
  return new KafkaEventBus({
    brokers,
    clientId: context.env.KAFKA_CLIENT_ID ?? clientId,
    ...(namespace ? { namespace } : {}),
    security: kafkaSecurityOf(engineCredentialsFromEnv(context.env)),
  });
}

/**
 * The anchored checkpoints verify compares the trail with: the anchor file, and in distributed mode (brokers
 * given) also the compacted Kafka topic of KAFKA_NAMESPACE, read from its start like the audit service's own
 * verify does. Someone who rewrote both the trail's database and the anchor file is still caught by the topic.
 */
async function readVerifyAnchors(context: CliContext, workspace: AuditWorkspace, brokers: string[], file: string) {
  if (!workspace.settings.AUDIT_TRAIL_MONGO_URL || brokers.length === 0) return readAnchors(file);
  const bus = operatorBus(context, brokers, 'vaxledger-audit-verify', context.env.KAFKA_NAMESPACE || undefined);
  try {
    return await readAnchorsWithKafka(file, bus);
  } finally {
    await bus.close();
  }
}

export const auditVerifyCommand: CliCommand = {
  words: ['audit', 'verify'],
  summary:
    'Verifies the audit trail: checkpoint signatures against the trusted keys, the anchored checkpoints, checkpoint freshness, the hash chain, and every service event log; reports the first problem (exit 1).',
  usage: '[--anchors FILE] [--json] [--data-dir DIR] [--file-anchors-only]',
  options: { json: { type: 'boolean' }, anchors: { type: 'string' }, 'file-anchors-only': { type: 'boolean' }, ...dataDirOption },
  run: (context) =>
    withWorkspace(context, async (workspace) => {
      const anchorsFile = text(context, 'anchors');
      if (anchorsFile !== undefined && !existsSync(anchorsFile)) {
        context.stderr.write(`there is no anchor file at ${anchorsFile}\n`);
        return exitCodes.usage;
      }
      // Distributed, an "ok" that never looked at the Kafka anchors would hide a trail and anchor file rewritten
      // together: refuse, unless the operator says in so many words that the file is all there is to compare.
      const brokers = kafkaBrokersOf(context);
      if (workspace.settings.AUDIT_TRAIL_MONGO_URL && brokers.length === 0) {
        if (!context.options['file-anchors-only']) {
          context.stderr.write(
            'KAFKA_BROKERS is not set, so the checkpoints anchored on Kafka cannot be read; set it (and the Kafka credentials), or pass --file-anchors-only to compare with the anchor file alone\n',
          );
          return exitCodes.usage;
        }
        context.stderr.write('warning: --file-anchors-only: the checkpoints anchored on Kafka were not read\n');
      }
      if (workspace.trusted.size === 0) {
        context.stderr.write(
          `no trusted audit public key: expected ${workspace.anchorDir}/public-keys.pem, AUDIT_VERIFY_KEYS or AUDIT_VERIFY_KEYS_FILE\n`,
        );
        return exitCodes.failed;
      }
      const anchors = await readVerifyAnchors(context, workspace, brokers, anchorsFile ?? anchorFileIn(workspace.anchorDir));
      const report = await verifyTrail(workspace.trail, workspace.trusted, {
        now: systemClock.now(),
        anchors,
        sources: workspace.openSources(),
        checkpointIntervalMs: workspace.settings.AUDIT_CHECKPOINT_MINUTES * 60_000,
        sourceGraceMs: workspace.settings.AUDIT_SOURCE_GRACE_MINUTES * 60_000,
      });
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
      const brokers = kafkaBrokersOf(context);
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
        const bus = operatorBus(context, brokers, 'vaxledger-audit-replay');
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
    return withWorkspace(context, async (workspace) => {
      const { trail } = workspace;
      const appender = workspaceAppender(workspace, context);
      const fd = out ? openSync(out, 'w', 0o600) : null;
      try {
        const manifest = await exportTrail(
          trail,
          workspace.signingKey(),
          {
            from,
            to,
            format,
            now: systemClock.now(),
            verification: {
              keys: workspace.trusted,
              options: {
                anchors: readAnchors(anchorFileIn(workspace.anchorDir)),
                sources: workspace.openSources(),
                checkpointIntervalMs: workspace.settings.AUDIT_CHECKPOINT_MINUTES * 60_000,
                sourceGraceMs: workspace.settings.AUDIT_SOURCE_GRACE_MINUTES * 60_000,
              },
            },
            recordCheckpoint: (checkpoint) => appender.recordCheckpoint(checkpoint),
          },
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
    'Applies access-record retention now (AUDIT_ACCESS_RETENTION_DAYS or --days, never below AUDIT_MIN_RETENTION_DAYS): removes the trail prefix older than the cutoff behind a signed retention checkpoint, and records the run in the trail.',
  usage: '[--days N] [--data-dir DIR]',
  options: { days: { type: 'string' }, ...dataDirOption },
  async run(context) {
    const settings = loadAuditSettings(context.env);
    const days = Number(text(context, 'days') ?? settings.AUDIT_ACCESS_RETENTION_DAYS);
    if (!Number.isSafeInteger(days) || days <= 0) {
      context.stderr.write('--days needs a positive whole number.\n');
      return exitCodes.usage;
    }
    // Refused before the trail is even opened: a retention below the floor changes nothing.
    if (days < settings.AUDIT_MIN_RETENTION_DAYS) {
      context.stderr.write(
        `retention refused: ${days} days is below the minimum retention of ${settings.AUDIT_MIN_RETENTION_DAYS} days (AUDIT_MIN_RETENTION_DAYS, never below 365); nothing removed.\n`,
      );
      return exitCodes.usage;
    }
    return withWorkspace(context, async (workspace) => {
      const { trail } = workspace;
      const appender = workspaceAppender(workspace, context);
      const projection = new AuditEventsProjection(await workspace.openReadModels());
      const outcome = await applyRetention(
        {
          trail,
          appender,
          signingKey: workspace.signingKey(),
          trusted: workspace.trusted,
          clock: systemClock,
          projection,
        },
        { retentionDays: days, minimumRetentionDays: settings.AUDIT_MIN_RETENTION_DAYS },
      );
      if (outcome.refused) {
        context.stderr.write(`retention refused, nothing removed: ${outcome.refused.message}\n`);
        return exitCodes.failed;
      }
      context.stdout.write(
        `${
          outcome.boundary
            ? `removed ${outcome.removed} entries received before ${outcome.cutoff}; retention checkpoint #${outcome.boundary.sequence} ${outcome.boundary.hash}`
            : `nothing received before ${outcome.cutoff}; nothing removed`
        }; the run is trail entry #${outcome.recordedAt}\n`,
      );
      return exitCodes.ok;
    });
  },
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

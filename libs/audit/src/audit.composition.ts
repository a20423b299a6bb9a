/**
 * The audit service's parts, built once per process from its infrastructure: the trail and its appender, the
 * intake consumer, the query read model and the use cases. The Nest module and the ops CLI both build from here.
 */
import type { KeyObject } from 'node:crypto';
import { RevocationConsumer, RevocationList } from '@vaxledger/auth';
import { allTopics, type TopicName, Topics } from '@vaxledger/contracts';
import type { EventStore, Projection } from '@vaxledger/kernel';
import { EventPipeline, type ServiceInfrastructure } from '@vaxledger/runtime';
import { type AuditMetrics, auditMetrics } from './audit-metrics';
import { type AuditSettings, loadAuditSettings } from './audit-settings';
import { type TrailIntakeConsumer, trailIntakeConsumer, trailIntakeGroup } from './intake/trail-intake.consumer';
import { QueryAuditEventsHandler } from './query-events/query-events.handler';
import { AuditEventsProjection } from './read-models/audit-events.projection';
import { openTrailStore, trailLocation } from './trail/open-trail-store';
import { TrailAppender } from './trail/trail-appender';
import { TrailEventLog } from './trail/trail-event-log';
import type { TrailStore } from './trail/trail-store';
import { VerifyTrailHandler } from './verify-trail/verify-trail.handler';
import { anchorDirectory, checkSigningKeyPlacement } from './anchors/anchor-directory';
import {
  AnchorFile,
  canReadFromStart,
  type CheckpointAnchor,
  KafkaCheckpointAnchor,
  readAnchors,
  readAnchorsWithKafka,
} from './anchors/checkpoint-anchor';
import { type AuditKeys, loadAuditKeys, loadSigningKey } from './keys/audit-keys';
import type { AuditSource } from './sources/audit-source';
import { distributedSources, standaloneSources } from './sources/service-event-logs';

export interface AuditComponents {
  settings: AuditSettings;
  trail: TrailStore;
  appender: TrailAppender;
  eventLog: TrailEventLog;
  projection: AuditEventsProjection;
  intake: TrailIntakeConsumer;
  pipeline: EventPipeline;
  queryEvents: QueryAuditEventsHandler;
  verifyTrail: VerifyTrailHandler;
  signingKey: KeyObject;
  keys: AuditKeys;
  /** `AUDIT_ANCHOR_DIR` (standalone default `<data dir>/audit-anchors`). */
  anchorDir: string;
  anchorFile: AnchorFile;
  /** The services' event logs verify reconciles the trail with. */
  sources: AuditSource[];
  metrics: AuditMetrics;
  close(): Promise<void>;
}

export interface AuditComponentOptions {
  /** Topics the intake reads; every vaxledger topic unless a test narrows it. */
  topics?: TopicName[];
  /** An already open trail (tests); otherwise opened from the settings. */
  trail?: TrailStore;
  /** Consumer group of the intake (prefixed with the service name); tests on a shared broker pick their own. */
  intakeGroup?: string;
}

export function auditSigningKey(infra: ServiceInfrastructure): KeyObject {
  return loadSigningKey(infra.keys.auditSigningKey, loadAuditSettings(infra.settings));
}

/**
 * Topics the intake reads: every vaxledger topic but the checkpoint anchors, which audit writes itself, and
 * the holder feed, which restates (with names and phones) registry events the trail records from the subject
 * topic.
 */
export const intakeTopics: TopicName[] = allTopics.filter((topic) => topic !== Topics.auditCheckpoints && topic !== Topics.registryHolder);

export async function createAuditComponents(
  infra: ServiceInfrastructure,
  options: AuditComponentOptions = {},
): Promise<AuditComponents> {
  const settings = loadAuditSettings(infra.settings);
  const distributed = infra.dataDir === undefined;
  const metrics = auditMetrics(infra.metrics);
  const logger = infra.logger.child({ component: 'audit-trail' });
  const location = trailLocation(settings, infra.dataDir);
  const anchorDir = anchorDirectory(settings, infra.dataDir, location);
  const signingKey = loadSigningKey(infra.keys.auditSigningKey, settings);
  checkSigningKeyPlacement({
    settings,
    env: infra.settings,
    dataDir: infra.dataDir,
    location,
    anchorDir,
    distributed,
    warn: (message) => logger.warn(message),
  });
  const keys = loadAuditKeys({ signingKey, settings, anchorDir, trustSigningKey: distributed });
  if (!keys.signingKeyTrusted)
    // Not fatal: the trail keeps recording. But every checkpoint from now on fails verification until the
    // key's public half is added to the trusted keys (a rotation done half-way, or a replaced key).
    logger.error(
      { keyId: keys.signingKeyId, anchorDir },
      'the audit signing key is not among the trusted public keys: add its public key to public-keys.pem in the anchor directory (docs/audit.md, "Keys")',
    );
  const sources = distributed
    ? distributedSources(settings, { lookupKey: infra.keys.lookupKey, settings: infra.settings })
    : standaloneSources(infra.dataDir!, { lookupKey: infra.keys.lookupKey, settings: infra.settings });
  const anchorFile = AnchorFile.inDirectory(anchorDir);
  const anchors: CheckpointAnchor[] = [anchorFile, ...(distributed ? [new KafkaCheckpointAnchor(infra.bus)] : [])];
  const trail = options.trail ?? (await openTrailStore(location));
  const appender = new TrailAppender(trail, {
    clock: infra.clock,
    signingKey,
    checkpointEvery: settings.AUDIT_CHECKPOINT_EVERY,
    anchors,
    onAnchorFailed: (anchor, checkpoint, error) => {
      metrics.anchorFailures.inc({ anchor });
      logger.error(
        { err: error, anchor, kind: checkpoint.kind, sequence: checkpoint.sequence },
        'a signed checkpoint could not be anchored outside the trail',
      );
    },
    onConflict: (error) => {
      metrics.appendConflicts.inc();
      // Loud on purpose: two writers raced for the same place in the chain; the loser re-reads the head.
      logger.warn(
        { err: error },
        'audit trail append lost a race for its sequence; retrying from the new head',
      );
    },
    onCheckpoint: (checkpoint) => {
      metrics.checkpointsSigned.inc({ kind: checkpoint.kind });
      logger.info({ kind: checkpoint.kind, sequence: checkpoint.sequence }, 'audit trail checkpoint signed');
    },
  });
  const eventLog = new TrailEventLog(trail, { appender });
  const projection = new AuditEventsProjection(infra.readModels);
  const intake = trailIntakeConsumer(
    options.topics ?? intakeTopics,
    options.intakeGroup ?? trailIntakeGroup,
    trail,
    appender,
    metrics,
    logger,
    infra.clock,
  );
  // Audit's event log is its trail: the read model is an ordinary projection of it.
  const pipeline = new EventPipeline(
    { ...infra, eventStore: eventLog },
    { projections: [projection], consumers: [intake, new RevocationConsumer(new RevocationList(infra.kv))] },
  );
  infra.readiness.add({ name: 'audit-trail', check: async () => void (await trail.last()) });
  return {
    settings,
    trail,
    appender,
    eventLog,
    projection,
    intake,
    pipeline,
    queryEvents: new QueryAuditEventsHandler(infra.readModels, appender, trail, infra.clock),
    verifyTrail: new VerifyTrailHandler(trail, keys.trusted, infra.clock, {
      // Distributed: the anchor file and the compacted Kafka topic, both outside the trail's database.
      anchors: () =>
        distributed && canReadFromStart(infra.bus) ? readAnchorsWithKafka(anchorFile.file, infra.bus) : readAnchors(anchorFile.file),
      sources: async () => sources,
      checkpointIntervalMs: settings.AUDIT_CHECKPOINT_MINUTES * 60_000,
      sourceGraceMs: settings.AUDIT_SOURCE_GRACE_MINUTES * 60_000,
    }),
    signingKey,
    keys,
    anchorDir,
    anchorFile,
    sources,
    metrics,
    async close() {
      for (const source of sources) await source.close();
      await trail.close();
    },
  };
}

/** The audit read models, for `projections rebuild` (their event log is the trail: see `auditEventLog`). */
export function auditProjections(infra: ServiceInfrastructure): Projection[] {
  return [new AuditEventsProjection(infra.readModels)];
}

/** The trail as an event log, for rebuilding the audit read models outside the running service. */
export async function auditEventLog(infra: ServiceInfrastructure): Promise<EventStore> {
  const settings = loadAuditSettings(infra.settings);
  const trail = await openTrailStore(trailLocation(settings, infra.dataDir));
  return new TrailEventLog(trail, { ownsTrail: true });
}

/**
 * The audit service's parts, built once per process from its infrastructure: the trail and its appender, the
 * intake consumer, the query read model and the use cases. The Nest module and the ops CLI both build from here.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { RevocationList, revocationConsumer } from '@vaxledger/auth';
import { allTopics } from '@vaxledger/contracts';
import type { EventStore, Projection } from '@vaxledger/kernel';
import { ConfigError, EventPipeline, type ServiceInfrastructure } from '@vaxledger/runtime';
import { type AuditMetrics, auditMetrics } from './audit-metrics';
import { type AuditSettings, loadAuditSettings } from './audit-settings';
import { TrailIntakeConsumer } from './intake/trail-intake.consumer';
import { QueryAuditEventsHandler } from './query-events/query-events.handler';
import { AuditEventsProjection } from './read-models/audit-events.projection';
import { openTrailStore, trailLocation } from './trail/open-trail-store';
import { TrailAppender } from './trail/trail-appender';
import { TrailEventLog } from './trail/trail-event-log';
import type { TrailStore } from './trail/trail-store';
import { TrailVerifier } from './verify-trail/verify-trail.handler';

export interface AuditComponents {
  settings: AuditSettings;
  trail: TrailStore;
  appender: TrailAppender;
  eventLog: TrailEventLog;
  projection: AuditEventsProjection;
  intake: TrailIntakeConsumer;
  pipeline: EventPipeline;
  query: QueryAuditEventsHandler;
  verifier: TrailVerifier;
  signingKey: KeyObject;
  metrics: AuditMetrics;
}

export interface AuditComponentOptions {
  /** Topics the intake reads; every vaxledger topic unless a test narrows it. */
  topics?: string[];
  /** An already open trail (tests); otherwise opened from the settings. */
  trail?: TrailStore;
  /** Consumer group of the intake (prefixed with the service name); tests on a shared broker pick their own. */
  intakeGroup?: string;
}

export function auditSigningKey(infra: ServiceInfrastructure): KeyObject {
  const key = infra.keys.auditSigningKey;
  if (!key)
    throw new ConfigError(['AUDIT_SIGNING_KEY: the audit service needs its Ed25519 signing key (not set)']);
  return key;
}

export async function createAuditComponents(
  infra: ServiceInfrastructure,
  options: AuditComponentOptions = {},
): Promise<AuditComponents> {
  const settings = loadAuditSettings(infra.settings);
  const signingKey = auditSigningKey(infra);
  const metrics = auditMetrics(infra.metrics);
  const logger = infra.logger.child({ component: 'audit-trail' });
  const trail = options.trail ?? (await openTrailStore(trailLocation(settings, infra.dataDir)));
  const appender = new TrailAppender(trail, {
    clock: infra.clock,
    signingKey,
    checkpointEvery: settings.AUDIT_CHECKPOINT_EVERY,
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
  const intake = new TrailIntakeConsumer(
    options.topics ?? [...allTopics],
    trail,
    appender,
    metrics,
    logger,
    infra.clock,
    options.intakeGroup,
  );
  // Audit's event log is its trail: the read model is an ordinary projection of it.
  const pipeline = new EventPipeline(
    { ...infra, eventStore: eventLog },
    { projections: [projection], consumers: [intake, revocationConsumer(new RevocationList(infra.kv))] },
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
    query: new QueryAuditEventsHandler(infra.readModels, appender, trail, infra.clock),
    verifier: new TrailVerifier(trail, createPublicKey(signingKey), infra.clock),
    signingKey,
    metrics,
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

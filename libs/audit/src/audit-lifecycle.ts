import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ServiceInfrastructure } from '@vaxledger/runtime';
import { INFRASTRUCTURE, runsBackgroundWork } from '@vaxledger/runtime';
import type { AuditComponents } from './audit.composition';
import { applyRetention } from './apply-retention/apply-retention.handler';

export const AUDIT_COMPONENTS = Symbol('AUDIT_COMPONENTS');

/**
 * The audit service's timers — time-based checkpoints and the retention sweep — and closing the trail after
 * the pipeline stopped (so no append is cut off half-way).
 */
@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(AUDIT_COMPONENTS) private readonly audit: AuditComponents,
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  onApplicationBootstrap(): void {
    // The timers append to the trail: they run beside the intake, in the process that runs the pipeline.
    if (!runsBackgroundWork(this.infra)) return;
    const { settings, appender } = this.audit;
    const logger = this.infra.logger.child({ component: 'audit-trail' });
    const checkpointAgeMs = settings.AUDIT_CHECKPOINT_MINUTES * 60_000;
    this.every(
      Math.min(60_000, checkpointAgeMs),
      () => appender.checkpointIfStale(checkpointAgeMs),
      'time-based checkpoint',
    );
    this.every(
      settings.AUDIT_RETENTION_SWEEP_MINUTES * 60_000,
      async () => {
        const outcome = await applyRetention(
          {
            trail: this.audit.trail,
            appender,
            signingKey: this.audit.signingKey,
            trusted: this.audit.keys.trusted,
            clock: this.infra.clock,
            projection: this.audit.projection,
          },
          {
            retentionDays: settings.AUDIT_ACCESS_RETENTION_DAYS,
            minimumRetentionDays: settings.AUDIT_MIN_RETENTION_DAYS,
          },
        );
        if (outcome.refused)
          logger.error(
            { mismatch: outcome.refused },
            'retention refused',
          );
        else if (outcome.removed > 0) {
          this.audit.metrics.entriesRetired.inc(outcome.removed);
          logger.info(
            { removed: outcome.removed, boundary: outcome.boundary?.sequence },
            'audit retention applied',
          );
        }
      },
      'retention sweep',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.audit.pipeline.stop();
    // Seal what arrived since the last checkpoint, so a stopped trail is not stale when verified offline.
    await this.audit.appender
      .checkpointIfStale(0)
      .catch((error: unknown) => this.infra.logger.error({ err: error }, 'audit shutdown checkpoint failed'));
    await this.audit.close();
  }

  private every(intervalMs: number, work: () => Promise<unknown>, name: string): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      work()
        .catch((error: unknown) => this.infra.logger.error({ err: error, job: name }, 'audit job failed'))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}

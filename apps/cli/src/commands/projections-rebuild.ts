/**
 * `npm run cli -- projections rebuild [name]`: drops read models and rebuilds them from their service's event
 * log in the standalone data directory (`<data dir>/<service>/events.db` into `read-models.db`; audit's log is
 * its trail, `<data dir>/audit/trail.db`). One pass over each log feeds every selected projection of that
 * service, in batches. `name` is a projection name or a service name; none rebuilds everything. Run it with
 * the standalone process stopped: a live projection would race the rebuild.
 *
 * The registry below is the contract: each service lib exports `<service>Projections(...)` returning its
 * `Projection[]`; a service that exports none is reported and skipped.
 */
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { auditEventLog, auditProjections } from '@vaxledger/audit';
import * as identityLib from '@vaxledger/identity';
import { ImmunizationReadModels, immunizationProjections, loadVaccineCatalogue, VACCINES_FILE_ENV } from '@vaxledger/immunization';
import { createStandaloneInfrastructure } from '@vaxledger/infrastructure';
import {
  type EventStore,
  noUpcasters,
  type Projection,
  type ReadModelStore,
  type UpcasterRegistry,
} from '@vaxledger/kernel';
import { LookupHasher, openRegistryCollections, registryProjections } from '@vaxledger/registry';
import { defaultRebuildSettings } from '@vaxledger/read-models';
import {
  createLogger,
  Metrics,
  ReadinessRegistry,
  type ServiceInfrastructure,
  type ServiceName,
} from '@vaxledger/runtime';
import { type CliCommand, exitCodes } from '../cli-command';

export interface ProjectionSource {
  service: ServiceName;
  /** The service's read models; null when the service does not expose them yet. */
  projections(infra: ServiceInfrastructure): Promise<Projection[] | null>;
  /** Where they are rebuilt from, when it is not the service's event store. */
  eventLog?(infra: ServiceInfrastructure): Promise<EventStore>;
  upcasters?: UpcasterRegistry;
}

/** `<service>Projections(infra)` when a lib exports one with that shape. */
function exportedProjections(lib: object, name: string, infra: ServiceInfrastructure): Projection[] | null {
  const factory = (lib as Record<string, unknown>)[name];
  return typeof factory === 'function'
    ? (factory as (infra: ServiceInfrastructure) => Projection[])(infra)
    : null;
}

export const projectionSources: ProjectionSource[] = [
  {
    service: 'identity',
    projections: async (infra) => exportedProjections(identityLib, 'identityProjections', infra),
  },
  {
    service: 'registry',
    projections: async (infra) =>
      registryProjections(
        await openRegistryCollections(infra.readModels),
        LookupHasher.fromKeys(infra.keys.purposeKeys),
      ),
  },
  {
    service: 'immunization',
    projections: async (infra) =>
      immunizationProjections(new ImmunizationReadModels(infra.readModels), loadVaccineCatalogue(infra.settings[VACCINES_FILE_ENV])),
  },
  { service: 'audit', projections: async (infra) => auditProjections(infra), eventLog: auditEventLog },
];

export interface RebuildProgress {
  service: ServiceName;
  position: number;
  head: number | null;
  events: number;
}

/**
 * Resets the projections and their checkpoints, then reads the log once, handing each page to every
 * projection (batched when it can). The store is in rebuild mode meanwhile when it has one (indexes rebuilt at
 * the end, no fsync per batch). Checkpoints are saved only once everything is applied and durable, so a crash
 * part-way leaves the projections without a checkpoint: the next start (or rebuild) redoes them from the
 * start instead of trusting a half-built read model. Returns how many events were read.
 */
export async function rebuildFromLog(
  service: ServiceName,
  log: EventStore,
  readModels: ReadModelStore,
  projections: Projection[],
  options: {
    batchSize?: number;
    upcasters?: UpcasterRegistry;
    onProgress?: (progress: RebuildProgress) => void;
  } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  const upcasters = options.upcasters ?? noUpcasters;
  for (const projection of projections) await readModels.resetCheckpoint(projection.name);
  await readModels.beginRebuild?.();
  let after: number | null = null;
  let events = 0;
  try {
    for (const projection of projections) await projection.reset();
    const head = await log.headPosition();
    for (;;) {
      const page = await log.readAll({ after, maxCount: batchSize });
      if (page.length === 0) break;
      for (const projection of projections) {
        const relevant = page
          .filter((event) => projection.handles.has(event.type))
          .map((event) => upcasters.upcast(event));
        if (relevant.length === 0) continue;
        if (projection.applyBatch) await projection.applyBatch(relevant);
        else for (const event of relevant) await projection.apply(event);
      }
      after = page[page.length - 1].position;
      events += page.length;
      options.onProgress?.({ service, position: after, head, events });
      if (page.length < batchSize) break;
    }
  } finally {
    await readModels.endRebuild?.();
  }
  if (after !== null) {
    for (const projection of projections) await readModels.saveCheckpoint(projection.name, after);
  }
  return events;
}

export const projectionsRebuildCommand: CliCommand = {
  words: ['projections', 'rebuild'],
  summary:
    'Drops and rebuilds read models from their event log (standalone data dir), with progress and events/s.',
  usage:
    '[projection-or-service] [--batch-size N] [--cache-mib N] [--temp-store file|memory] [--commit-every N] [--data-dir DIR]',
  options: {
    'batch-size': { type: 'string' },
    'data-dir': { type: 'string' },
    'cache-mib': { type: 'string' },
    'temp-store': { type: 'string' },
    'commit-every': { type: 'string' },
  },
  allowPositionals: true,
  async run(context) {
    const wanted = context.positionals[0];
    if (context.positionals.length > 1) {
      context.stderr.write('projections rebuild takes at most one name.\n');
      return exitCodes.usage;
    }
    const batchSize = Number(context.options['batch-size'] ?? 5000);
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      context.stderr.write('--batch-size needs a positive whole number.\n');
      return exitCodes.usage;
    }
    // Memory: the page cache of the store being rebuilt (which also bounds the index sorts with temp files),
    // the documents of one commit, and the events of one batch. The defaults keep the process within 1 GiB.
    const cacheMiB = Number(context.options['cache-mib'] ?? defaultRebuildSettings.rebuildCacheSizeMiB);
    const tempStore = String(context.options['temp-store'] ?? defaultRebuildSettings.rebuildTempStore);
    const commitEvery = Number(context.options['commit-every'] ?? defaultRebuildSettings.rebuildCommitEvery);
    if (!Number.isSafeInteger(cacheMiB) || cacheMiB < 8 || cacheMiB > 8192) {
      context.stderr.write('--cache-mib needs a whole number of MiB between 8 and 8192.\n');
      return exitCodes.usage;
    }
    if (tempStore !== 'file' && tempStore !== 'memory') {
      context.stderr.write('--temp-store is file or memory.\n');
      return exitCodes.usage;
    }
    if (!Number.isSafeInteger(commitEvery) || commitEvery < 1000) {
      context.stderr.write('--commit-every needs a whole number of documents, at least 1000.\n');
      return exitCodes.usage;
    }
    const dataDir = resolve(
      String(context.options['data-dir'] ?? context.env.VAXLEDGER_DATA_DIR ?? './data'),
    );
    const logger = createLogger({ service: 'cli', level: 'warn' });
    const standalone = createStandaloneInfrastructure({
      dataDir,
      logger,
      metrics: new Metrics(),
      readiness: new ReadinessRegistry(),
      env: context.env,
      readModelOptions: { rebuildCacheSizeMiB: cacheMiB, rebuildTempStore: tempStore, rebuildCommitEvery: commitEvery },
    });
    try {
      const plan: Array<{
        source: ProjectionSource;
        infra: ServiceInfrastructure;
        projections: Projection[];
      }> = [];
      const known: string[] = [];
      for (const source of projectionSources) {
        const infra = standalone.services[source.service];
        const projections = await source.projections(infra);
        if (!projections) {
          context.stderr.write(
            `${source.service}: exposes no projections yet (expected ${source.service}Projections); skipped\n`,
          );
          continue;
        }
        known.push(source.service, ...projections.map((p) => p.name));
        const selected =
          !wanted || wanted === source.service ? projections : projections.filter((p) => p.name === wanted);
        if (selected.length) plan.push({ source, infra, projections: selected });
      }
      if (plan.length === 0) {
        context.stderr.write(`No projection or service named "${wanted}". Known: ${known.join(', ')}\n`);
        return exitCodes.usage;
      }

      const started = Date.now();
      let total = 0;
      for (const { source, infra, projections } of plan) {
        const log = source.eventLog ? await source.eventLog(infra) : infra.eventStore;
        const bar = new SingleBar({
          format: `${source.service.padEnd(12)} |{bar}| {percentage}% | {events} events | {rate} events/s`,
          hideCursor: true,
        });
        const serviceStarted = Date.now();
        bar.start(Math.max(1, (await log.headPosition()) ?? 1), 0, { events: 0, rate: 0 });
        try {
          const events = await rebuildFromLog(source.service, log, infra.readModels, projections, {
            batchSize,
            upcasters: source.upcasters,
            onProgress: (progress) => {
              const seconds = Math.max(0.001, (Date.now() - serviceStarted) / 1000);
              bar.update(progress.position, {
                events: progress.events,
                rate: Math.round(progress.events / seconds),
              });
            },
          });
          bar.stop();
          total += events;
          context.stdout.write(
            `${source.service}: rebuilt ${projections.map((p) => p.name).join(', ')} from ${events} events\n`,
          );
        } finally {
          bar.stop();
          if (source.eventLog) await log.close();
        }
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      context.stdout.write(
        `rebuilt from ${total} events in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} events/s\n`,
      );
      return exitCodes.ok;
    } finally {
      await standalone.close();
    }
  },
};

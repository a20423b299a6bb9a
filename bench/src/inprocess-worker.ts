/**
 * Child-process entry for the in-process scenarios, so each runs in a fresh process whose memory is its own:
 *
 *   rebuild <dataDir>                          ProjectionRunner.rebuild of every registry read model (used when
 *                                              the CLI has no `projections rebuild`)
 *   search <dataDir> <queries.jsonl> <seconds> the registry's search handler called directly (no HTTP)
 *
 * Prints one JSON object on stdout.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { StepUpGate, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { SqliteEventStore } from '@vaxledger/event-store';
import { createStandaloneInfrastructure, secretFromEnvOrFile } from '@vaxledger/infrastructure';
import { newId, ProjectionRunner } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import {
  createRegistryServices,
  LookupHasher,
  normalisePhone,
  openRegistryCollections,
  registryProjections,
  registrySettingsFrom,
} from '@vaxledger/registry';
import { createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';
// The search key is the registry's own folding of names; the barrel does not export it, and a copy could drift.
import { nameKeyOf, normalisePersonalName } from '../../libs/registry/src/domain/personal-name';
import { driveFor } from './latency-recorder';
import { readProcessMemory } from './process-memory';

export interface SearchQuery {
  fullName: string;
  phone: string;
}

export interface RebuildOutcome {
  logEvents: number;
  seconds: number;
  eventsPerSec: number;
  projections: Array<{ name: string; applied: number; seconds: number }>;
  peakRssMb: number;
}

export interface InProcessSearchOutcome {
  queries: number;
  hitRate: number;
  handler: {
    calls: number;
    errors: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
    firstError?: string;
  };
  handlerConcurrent: {
    concurrency: number;
    throughputPerSec: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
  };
  lookupOnly: { calls: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  peakRssMb: number;
}

/** Search quotas are the product's (60/min); the bench measures the lookup, so one bench account gets a large quota. */
export const benchSearchQuotaEnv = { SEARCH_RATE_PER_MINUTE: '100000000', SEARCH_RATE_PER_DAY: '1000000000' };

async function rebuild(dataDir: string): Promise<RebuildOutcome> {
  const eventStore = new SqliteEventStore(join(dataDir, 'registry', 'events.db'));
  const readModels = new SqliteReadModelStore(join(dataDir, 'registry', 'read-models.db'));
  const hasher = LookupHasher.fromRoot(
    secretFromEnvOrFile(process.env.VAXLEDGER_LOOKUP_KEY, join(dataDir, 'keys', 'lookup.key')),
  );
  const collections = await openRegistryCollections(readModels);
  const logEvents = (await eventStore.headPosition()) ?? 0;
  const started = performance.now();
  const projections: RebuildOutcome['projections'] = [];
  for (const projection of registryProjections(collections, hasher)) {
    const t0 = performance.now();
    let lastReport = t0;
    const progress = await ProjectionRunner.rebuild(eventStore, readModels, projection, {
      onProgress: (p) => {
        if (performance.now() - lastReport > 5000) {
          lastReport = performance.now();
          process.stderr.write(`  rebuild ${p.projection}: ${p.position}/${p.head ?? '?'}\n`);
        }
      },
    });
    projections.push({
      name: projection.name,
      applied: progress.applied,
      seconds: (performance.now() - t0) / 1000,
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await eventStore.close();
  await readModels.close();
  return {
    logEvents,
    seconds,
    // Events of the log per second of the whole rebuild: the work a full rebuild does for each event it holds.
    eventsPerSec: Math.round(logEvents / seconds),
    projections,
    peakRssMb: Math.round((readProcessMemory(process.pid)?.peakRssMb ?? NaN) * 10) / 10,
  };
}

async function search(
  dataDir: string,
  queriesFile: string,
  seconds: number,
): Promise<InProcessSearchOutcome> {
  const queries = readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SearchQuery);
  const env = { ...process.env, ...benchSearchQuotaEnv };
  const infra = createStandaloneInfrastructure({
    dataDir,
    logger: createLogger({ service: 'bench', level: 'silent' }),
    metrics: new Metrics(),
    readiness: new ReadinessRegistry(),
    env,
  });
  const registry = infra.services.registry;
  const services = await createRegistryServices(
    registry,
    registrySettingsFrom(env),
    new StepUpGate(registry.keys.tokenPublicKey, registry.kv),
  );
  const hasher = LookupHasher.fromKeys(registry.keys.purposeKeys);
  const principal: Principal = {
    accountId: newId(),
    role: 'staff',
    rights: ['data_entry'],
    facilityId: newId(),
    provinceCode: '79',
    sessionId: newId(),
  };
  const origin = (): RequestOrigin => ({
    ip: '127.0.0.1',
    userAgent: 'vaxledger-bench',
    correlationId: newId(),
    purpose: 'benchmark',
  });
  const query = (i: number) => queries[i % queries.length];

  // Correctness first: a benchmark of searches that find nothing measures the wrong thing.
  let hits = 0;
  const probe = Math.min(200, queries.length);
  for (let i = 0; i < probe; i++) {
    const result = await services.searchSubjects.execute(principal, origin(), query(i));
    if (result.items.length > 0) hits++;
  }
  const handler = await driveFor(seconds / 2, 1, (i) =>
    services.searchSubjects.execute(principal, origin(), query(i + probe)),
  );
  const concurrent = await driveFor(seconds / 4, 16, (i) =>
    services.searchSubjects.execute(principal, origin(), query(i)),
  );
  const lookup = services.collections.lookup;
  const lookupOnly = await driveFor(seconds / 4, 1, (i) => {
    const q = query(i);
    const phone = normalisePhone(q.phone) ?? '';
    return lookup.find(
      { nameKey: nameKeyOf(normalisePersonalName(q.fullName)), phoneHash: hasher.phoneHash(phone) },
      { limit: 20 },
    );
  });
  await infra.close();
  return {
    queries: queries.length,
    hitRate: hits / probe,
    handler: {
      calls: handler.calls,
      errors: handler.errors,
      ...pick(handler.latencies.summary()),
      firstError: handler.firstError,
    },
    handlerConcurrent: {
      concurrency: 16,
      throughputPerSec: Math.round(concurrent.latencies.count / concurrent.elapsedSeconds),
      p50Ms: concurrent.latencies.percentile(50),
      p99Ms: concurrent.latencies.percentile(99),
      errors: concurrent.errors,
    },
    lookupOnly: { calls: lookupOnly.calls, ...pick(lookupOnly.latencies.summary()) },
    peakRssMb: Math.round((readProcessMemory(process.pid)?.peakRssMb ?? NaN) * 10) / 10,
  };
}

function pick(s: { p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }) {
  return { p50Ms: s.p50Ms, p90Ms: s.p90Ms, p99Ms: s.p99Ms, maxMs: s.maxMs };
}

async function main(): Promise<void> {
  const [command, dataDir, ...rest] = process.argv.slice(2);
  let outcome: unknown;
  if (command === 'rebuild') outcome = await rebuild(dataDir);
  else if (command === 'search') outcome = await search(dataDir, rest[0], Number(rest[1] ?? 10));
  else throw new Error(`unknown command ${command}`);
  process.stdout.write(JSON.stringify(outcome) + '\n');
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(
      `in-process worker failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}

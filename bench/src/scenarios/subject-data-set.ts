/**
 * The scenarios that need N subjects loaded, run on one growing data set: generate a legacy CSV, import it
 * with the CLI (import-csv), rebuild the read models (rebuild), search in-process, then start the server on it
 * and search over HTTP (search-http) and record doses (dose-record-http, at the largest count only).
 * With several subject counts the data set grows from one to the next and each step is measured again,
 * which is what the scaling chart shows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@vaxledger/kernel';
import { type BenchContext, profileDirFor, throttled } from '../bench-context';
import type { ScalingRow, ScalingSeries, ScenarioResult } from '../bench-report';
import { mintAccessToken, staffPrincipal } from '../bench-tokens';
import { cliAvailable, runCli } from '../cli-runner';
import { bytesOnDisk, sqliteBytes } from '../data-directory';
import { runLoad } from '../http-load';
import { runInProcessWorker } from '../inprocess-runner';
import {
  benchSearchQuotaEnv,
  type InProcessSearchOutcome,
  type RebuildOutcome,
  type SearchQuery,
} from '../inprocess-worker';
import { SeededRandom } from '../seeded-random';
import { readProcessMemory } from '../process-memory';
import { provisionSigningKey, type StandaloneServer, startCaughtUp } from '../standalone-server';
import { measureDoseRecording } from './dose-record-http';
import { SubjectGenerator, writeSubjectsCsv } from '../subject-generator';

export interface DataSetOutcome {
  results: Record<string, ScenarioResult>;
  scaling: ScalingRow[];
  skipped: Record<string, string>;
}

/** The facility the legacy rows are imported for (the registry does not need to know it for an import by id). */
const importFacility = { id: newId(), provinceCode: '79' };
const maxQueries = 10_000;

export async function runSubjectDataSet(ctx: BenchContext): Promise<DataSetOutcome> {
  const { options, log } = ctx;
  const wanted = options.only;
  const results: Record<string, ScenarioResult> = {};
  const skipped: Record<string, string> = {};
  const scaling: ScalingRow[] = [];
  if (!cliAvailable()) {
    for (const name of [
      'import-csv',
      'rebuild',
      'search-inprocess',
      'search-http',
      'dose-record-http',
    ] as const) {
      if (wanted.has(name)) skipped[name] = 'the CLI (dist/apps/cli/src/main.js) is not built';
    }
    return { results, scaling, skipped };
  }
  const dataDir = join(ctx.workDir, 'subjects-data');
  provisionSigningKey(dataDir);
  const generator = new SubjectGenerator({ seed: options.seed });
  const largest = options.subjectCounts[options.subjectCounts.length - 1];
  const stride = Math.max(1, Math.ceil(largest / 20_000));
  const samples: SearchQuery[] = [];
  let loaded = 0;
  /** Subjects a server has already caught up with (relayed to the other services), in an earlier step. */
  let previouslyServed = 0;

  for (const target of options.subjectCounts) {
    const row: ScalingRow = { subjects: target };
    scaling.push(row);
    const count = target - loaded;
    const csv = join(ctx.workDir, `subjects-${loaded}-${target}.csv`);
    log(`[data set] generating ${count.toLocaleString('en-US')} subjects (seed ${options.seed})`);
    const offset = loaded;
    await writeSubjectsCsv(csv, generator, count, {
      onSubject: (subject, i) => {
        if ((offset + i) % stride === 0) samples.push({ fullName: subject.fullName, phone: subject.phone });
      },
    });

    log(
      `[import-csv] importing ${count.toLocaleString('en-US')} rows into ${loaded.toLocaleString('en-US')} existing subjects`,
    );
    const progress = throttled((line) => log(`  ${line}`));
    const imported = await runCli(
      [
        'import',
        'subjects',
        csv,
        '--facility',
        importFacility.id,
        '--province',
        importFacility.provinceCode,
        '--batch-size',
        '20000',
      ],
      {
        dataDir,
        cpuProfileDir: profileDirFor(ctx, `import-csv-${target}`),
        onOutput: progress,
        onHeartbeat: (seconds) => log(`  importing… ${seconds} s`),
      },
    );
    if (imported.exitCode !== 0)
      throw new Error(`import failed (${imported.exitCode}): ${imported.stderr || imported.stdout}`);
    const summary = parseImportSummary(imported.stdout);
    if (summary.imported !== count)
      log(`  warning: ${summary.imported} of ${count} rows imported (${summary.rejected} rejected)`);
    loaded = target;
    const registryBytes = bytesOnDisk(join(dataDir, 'registry'));
    const eventBytes = sqliteBytes(join(dataDir, 'registry', 'events.db'));
    row.importPerSec = Math.round(summary.imported / summary.seconds);
    row.bytesOnDiskPerSubject = Math.round(eventBytes / loaded);
    if (wanted.has('import-csv')) {
      results['import-csv'] = {
        subjects: count,
        subjectsLoadedAfter: loaded,
        throughputPerSec: row.importPerSec,
        wallSeconds: round(imported.seconds, 1),
        importerSeconds: summary.seconds,
        errors: summary.rejected,
        peakRssMb: imported.peakRssMb,
        bytesOnDiskPerSubject: row.bytesOnDiskPerSubject,
        registryBytesPerSubject: Math.round(registryBytes / loaded),
        target: '≥ 25,000/s',
        notes: [
          'throughput = rows imported / the importer’s own clock (CSV parse, validation, two durable group commits per batch of 20,000)',
          'bytesOnDiskPerSubject = registry event store (db + WAL) / subjects; registryBytesPerSubject includes read models',
        ],
      };
    }
    log(
      `  imported ${summary.imported.toLocaleString('en-US')} at ${row.importPerSec.toLocaleString('en-US')}/s, ${row.bytesOnDiskPerSubject} B/subject in the event store`,
    );

    // The in-process search reads the lookup read model, which only a rebuild (or a running server) fills.
    const needsRebuild = wanted.has('rebuild') || wanted.has('search-inprocess');
    if (needsRebuild) {
      log(`[rebuild] read models from the event logs (${loaded.toLocaleString('en-US')} subjects)`);
      const rebuilt = await rebuildReadModels(ctx, dataDir, `rebuild-${loaded}`);
      row.rebuildEventsPerSec = rebuilt.eventsPerSec;
      if (wanted.has('rebuild')) {
        results.rebuild = {
          subjects: loaded,
          events: rebuilt.events,
          throughputPerSec: rebuilt.eventsPerSec,
          seconds: round(rebuilt.seconds, 1),
          perService: rebuilt.perService,
          peakRssMb: rebuilt.peakRssMb,
          target: '≥ 50,000 events/s',
          notes: [rebuilt.how, 'events/s = events read from the logs / seconds of the whole rebuild'],
        };
      }
      log(
        `  ${rebuilt.events.toLocaleString('en-US')} events, ${rebuilt.eventsPerSec.toLocaleString('en-US')} events/s`,
      );
    }

    const random = new SeededRandom(options.seed + loaded);
    const queries = Array.from({ length: Math.min(maxQueries, samples.length) }, () => random.pick(samples));
    const queriesFile = join(ctx.workDir, `queries-${loaded}.jsonl`);
    writeFileSync(queriesFile, queries.map((q) => JSON.stringify(q)).join('\n') + '\n');

    if (wanted.has('search-inprocess')) {
      const seconds = Math.max(8, Math.min(40, options.loadSeconds));
      log(`[search-inprocess] ${seconds} s against ${loaded.toLocaleString('en-US')} subjects`);
      const outcome = await runInProcessWorker<InProcessSearchOutcome>(
        ['search', dataDir, queriesFile, String(seconds)],
        {
          cpuProfileDir: profileDirFor(ctx, `search-inprocess-${loaded}`),
          log: (l) => log(`  ${l}`),
        },
      );
      row.searchInProcessP99Ms = outcome.handler.p99Ms;
      row.searchLookupP99Ms = outcome.lookupOnly.p99Ms;
      row.searchInProcessPeakRssMb = outcome.peakRssMb;
      results['search-inprocess'] = {
        subjects: loaded,
        requests: outcome.handler.calls,
        throughputPerSec: outcome.handlerConcurrent.throughputPerSec,
        p50Ms: outcome.handler.p50Ms,
        p90Ms: outcome.handler.p90Ms,
        p99Ms: outcome.handler.p99Ms,
        maxMs: outcome.handler.maxMs,
        errors: outcome.handler.errors + outcome.handlerConcurrent.errors,
        hitRate: outcome.hitRate,
        concurrent16: outcome.handlerConcurrent,
        lookupOnly: outcome.lookupOnly,
        peakRssMb: outcome.peakRssMb,
        target: 'p99 ≤ 5 ms',
        notes: [
          'latencies: SearchSubjectsHandler.execute called directly by one caller (rate limit + lookup + dose summaries + durable access record)',
          'throughputPerSec: 16 concurrent callers; lookupOnly: the read-model query alone (name key + phone hash)',
          ...(outcome.handler.firstError ? [`first error: ${outcome.handler.firstError}`] : []),
        ],
      };
      log(
        `  p50 ${outcome.handler.p50Ms} ms, p99 ${outcome.handler.p99Ms} ms (lookup alone p99 ${outcome.lookupOnly.p99Ms} ms), hit rate ${outcome.hitRate}`,
      );
    }

    const serverAllowed = options.serverMaxSubjects === null || target <= options.serverMaxSubjects;
    const doseStep = largestServedCount(options);
    const needsServer =
      serverAllowed && (wanted.has('search-http') || (wanted.has('dose-record-http') && target === doseStep));
    if (!serverAllowed) {
      const why = `not run above ${options.serverMaxSubjects!.toLocaleString('en-US')} subjects (--server-max-subjects)`;
      for (const name of ['search-http', 'dose-record-http'] as const) {
        if (!wanted.has(name)) continue;
        // Figures from a smaller count stay, marked with where they stopped; with none, the scenario is skipped.
        const earlier = results[name];
        if (!earlier) skipped[name] = why;
        else if (!earlier.notes?.includes(why)) earlier.notes = [...(earlier.notes ?? []), why];
      }
      log(`[server] not started at ${loaded.toLocaleString('en-US')} subjects (--server-max-subjects)`);
    }
    if (needsServer) {
      log(`[server] starting the standalone server on ${loaded.toLocaleString('en-US')} subjects`);
      const { server, catchUpSeconds, catchUpPeakRssMb } = await startCaughtUp({
        dataDir,
        env: benchSearchQuotaEnv,
        cpuProfileDir: profileDirFor(ctx, `server-${loaded}`),
        readyTimeoutMs: 6 * 3600_000,
        onWaiting: throttled((s) => log(`  waiting for the server to catch up (${s})`), 15_000),
      });
      row.serverCatchUpSeconds = catchUpSeconds;
      row.serverCatchUpSubjectsPerSec = Math.round((loaded - previouslyServed) / Math.max(0.1, catchUpSeconds));
      log(
        `  ready after ${catchUpSeconds} s (${(loaded - previouslyServed).toLocaleString('en-US')} new subjects to catch up with)`,
      );
      try {
        const token = await mintAccessToken(
          staffPrincipal(importFacility.id, importFacility.provinceCode),
          server.tokenSigningKey(),
        );
        const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'benchmark' };
        if (wanted.has('search-http')) {
          const search = await measureHttpSearch(ctx, server, headers, queries, loaded);
          search.serverCatchUpSeconds = catchUpSeconds;
          search.serverCatchUpSubjectsPerSec = Math.round(
            (loaded - previouslyServed) / Math.max(0.1, catchUpSeconds),
          );
          search.peakRssMb =
            Math.round(Math.max(readProcessMemory(server.pid)?.peakRssMb ?? 0, catchUpPeakRssMb) * 10) / 10;
          // The standalone server is two processes now; each has its own 1 GiB budget.
          search.pipelineProcessPeakRssMb = server.memory.childPeakRssMb;
          results['search-http'] = search;
          row.searchHttpP99Ms = search.p99Ms;
          row.serverPeakRssMb = search.peakRssMb;
        }
        if (wanted.has('dose-record-http') && target === doseStep) {
          const doses = await measureDoseRecording(ctx, server, importFacility.id, headers);
          doses.subjects = loaded;
          doses.serverCatchUpSeconds = catchUpSeconds;
          doses.pipelineProcessPeakRssMb = server.memory.childPeakRssMb;
          results['dose-record-http'] = doses;
        }
      } finally {
        await server.stop();
        previouslyServed = loaded;
      }
    }
  }
  return { results, scaling, skipped };
}

interface RebuildMeasure {
  events: number;
  seconds: number;
  eventsPerSec: number;
  perService: Record<string, number>;
  peakRssMb: number;
  how: string;
}

/**
 * `npm run cli -- projections rebuild` (every read model of every service, one pass over each log); when the CLI
 * does not have the command, the registry's projections through ProjectionRunner.rebuild in a child process.
 */
async function rebuildReadModels(ctx: BenchContext, dataDir: string, label: string): Promise<RebuildMeasure> {
  const cpuProfileDir = profileDirFor(ctx, label);
  const run = await runCli(['projections', 'rebuild', '--batch-size', '5000'], {
    dataDir,
    cpuProfileDir,
    onOutput: throttled((line) => ctx.log(`  ${line}`)),
    onHeartbeat: (seconds) => ctx.log(`  rebuilding… ${seconds} s`),
  });
  const total = /rebuilt from (\d+) events in ([\d.]+) s/.exec(run.stdout);
  if (run.exitCode === 0 && total) {
    const perService: Record<string, number> = {};
    for (const match of run.stdout.matchAll(/^(\w+): rebuilt .* from (\d+) events$/gm))
      perService[match[1]] = Number(match[2]);
    const events = Number(total[1]);
    const seconds = Number(total[2]);
    return {
      events,
      seconds,
      eventsPerSec: Math.round(events / seconds),
      perService,
      peakRssMb: run.peakRssMb,
      how: 'npm run cli -- projections rebuild: every read model of every service, one pass over each log, batches of 5,000',
    };
  }
  ctx.log(
    `  the CLI could not rebuild (exit ${run.exitCode}); rebuilding the registry read models in-process instead`,
  );
  const rebuilt = await runInProcessWorker<RebuildOutcome>(['rebuild', dataDir], {
    cpuProfileDir,
    log: (l) => ctx.log(`  ${l}`),
  });
  return {
    events: rebuilt.logEvents,
    seconds: rebuilt.seconds,
    eventsPerSec: rebuilt.eventsPerSec,
    perService: { registry: rebuilt.logEvents },
    peakRssMb: rebuilt.peakRssMb,
    how: 'ProjectionRunner.rebuild of the registry projections (one pass per projection); the CLI had no projections rebuild',
  };
}

/** The largest subject count a server runs at: where dose-record-http is measured. */
function largestServedCount(options: BenchContext['options']): number | null {
  const served = options.subjectCounts.filter(
    (count) => options.serverMaxSubjects === null || count <= options.serverMaxSubjects,
  );
  return served.length ? served[served.length - 1] : null;
}

async function measureHttpSearch(
  ctx: BenchContext,
  server: StandaloneServer,
  headers: Record<string, string>,
  queries: SearchQuery[],
  loaded: number,
): Promise<ScenarioResult> {
  const { options, log } = ctx;
  const probe = await probeSearches(server.baseUrl, headers, queries.slice(0, 50));
  const requestsFile = join(ctx.workDir, `search-requests-${loaded}.jsonl`);
  writeFileSync(
    requestsFile,
    queries.map((q) => JSON.stringify({ path: '/api/v1/subjects/search', body: q })).join('\n') + '\n',
  );
  log(`[search-http] ${options.loadSeconds} s of load, ${options.connections} connections`);
  const load = await runLoad(
    {
      baseUrl: server.baseUrl,
      method: 'POST',
      headers,
      requestsFile,
      durationSeconds: options.loadSeconds,
      connections: options.connections,
    },
    ctx.workDir,
    `search-http-${loaded}`,
  );
  // Latency at half the rate the server sustained: p99 at saturation mostly measures the queue in front of
  // the server, and a closed loop on few connections still saturates it. This is an open loop at a fixed rate.
  const halfRate = Math.max(10, Math.round(load.throughputPerSec / 2));
  const moderate = await runLoad(
    {
      baseUrl: server.baseUrl,
      method: 'POST',
      headers,
      requestsFile,
      durationSeconds: Math.max(5, Math.round(options.loadSeconds / 2)),
      connections: 16,
      overallRate: halfRate,
    },
    ctx.workDir,
    `search-http-moderate-${loaded}`,
  );
  log(
    `  ${load.throughputPerSec}/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms; at a fixed ${halfRate}/s: p50 ${moderate.p50Ms} ms, p99 ${moderate.p99Ms} ms`,
  );
  return {
    subjects: loaded,
    requests: load.requests,
    throughputPerSec: load.throughputPerSec,
    p50Ms: load.p50Ms,
    p90Ms: load.p90Ms,
    p99Ms: load.p99Ms,
    maxMs: load.maxMs,
    errors: load.non2xx + load.errors + load.timeouts,
    statusCodes: load.statusCodes,
    hitRate: probe,
    connections: options.connections,
    moderateLoad: {
      connections: 16,
      fixedRatePerSec: halfRate,
      throughputPerSec: moderate.throughputPerSec,
      p50Ms: moderate.p50Ms,
      p99Ms: moderate.p99Ms,
      errors: moderate.non2xx + moderate.errors,
    },
    target: 'p99 ≤ 15 ms',
    notes: [
      'autocannon in its own process; latency resolution 1 ms',
      `search quota raised for the bench account (${Object.entries(benchSearchQuotaEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
      'serverCatchUpSeconds: start-up until /health/ready after the import (projections, relay and consumers catch up); serverCatchUpSubjectsPerSec: newly imported subjects / that time',
      'peakRssMb: the server process high-water mark, start-up and catch-up included',
    ],
  };
}

/** Share of probe searches that found their subject: the load must search for people who exist. */
async function probeSearches(
  baseUrl: string,
  headers: Record<string, string>,
  queries: SearchQuery[],
): Promise<number> {
  let found = 0;
  for (const q of queries) {
    const response = await fetch(`${baseUrl}/api/v1/subjects/search`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(q),
    });
    if (response.status !== 200)
      throw new Error(`search probe answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { items: unknown[] };
    if (body.items.length > 0) found++;
  }
  return queries.length ? found / queries.length : 0;
}

function parseImportSummary(stdout: string): { imported: number; rejected: number; seconds: number } {
  const number = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(stdout)?.[1] ?? NaN);
  const seconds = Number(/time:\s+([\d.]+) s/.exec(stdout)?.[1] ?? NaN);
  const summary = { imported: number('imported'), rejected: number('rejected'), seconds };
  if (!Number.isFinite(summary.imported) || !Number.isFinite(summary.seconds)) {
    throw new Error(`could not read the import summary from:\n${stdout.slice(-2000)}`);
  }
  return summary;
}

export function scalingSeries(rows: ScalingRow[]): ScalingSeries[] {
  const series: ScalingSeries[] = [];
  const add = (label: string, unit: string, read: (r: ScalingRow) => number | undefined) => {
    const points = rows.flatMap((r) =>
      read(r) === undefined ? [] : [{ subjects: r.subjects, value: read(r)! }],
    );
    if (points.length > 0) series.push({ label, unit, points });
  };
  add('import', 'subjects/s', (r) => r.importPerSec);
  add('rebuild', 'events/s', (r) => r.rebuildEventsPerSec);
  add('search in-process p99', 'ms', (r) => r.searchInProcessP99Ms);
  add('lookup alone p99', 'ms', (r) => r.searchLookupP99Ms);
  add('search HTTP p99', 'ms', (r) => r.searchHttpP99Ms);
  add('server peak RSS', 'MB', (r) => r.serverPeakRssMb);
  add('server catch-up', 'subjects/s', (r) => r.serverCatchUpSubjectsPerSec);
  add('search in-process peak RSS', 'MB', (r) => r.searchInProcessPeakRssMb);
  add('event store', 'bytes/subject', (r) => r.bytesOnDiskPerSubject);
  return series;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

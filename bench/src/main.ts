/**
 * `npm run bench` — measures the numbers of the brief (section 6) on the standalone build and records them:
 * one table on the terminal, `bench/results/<mode>-<date>.json`, and a scaling chart when several subject
 * counts were run. It records; it never asserts thresholds (CI must not fail on a noisy machine).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './bench-context';
import { parseBenchOptions, type ScenarioName, usage, UsageRequested } from './bench-options';
import { type BenchRun, describeMachine, renderScalingSvg, renderTable, writeRun } from './bench-report';
import { resultsDir } from './repo-paths';
import { runDueList } from './scenarios/due-list';
import { DistributedUnavailable, runDistributedBench } from './distributed-bench';
import { runDiskBreakdown } from './scenarios/disk-breakdown';
import { runCertificates } from './scenarios/certificates-http';
import { runLoginOtp } from './scenarios/login-otp';
import { runSubjectDataSet, scalingSeries } from './scenarios/subject-data-set';

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageRequested) {
      process.stdout.write(usage);
      return 0;
    }
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const started = new Date();
  const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const workDir = mkdtempSync(join(options.workRoot ?? tmpdir(), 'vaxledger-bench-'));
  const profileDir = options.profile
    ? join(resultsDir, 'profiles', started.toISOString().replace(/[:.]/g, '-'))
    : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const ctx: BenchContext = { options, workDir, profileDir, log };
  const run: BenchRun = {
    mode: options.mode,
    ...(options.label ? { label: options.label } : {}),
    startedAt: started.toISOString(),
    seed: options.seed,
    machine: describeMachine(),
    scenarios: {},
  };
  log(
    `vaxledger bench (${options.mode}): subjects ${options.subjectCounts.join(', ')}, ${options.loadSeconds} s per HTTP scenario, ` +
      `${run.machine.cpus} CPUs, load average ${run.machine.loadAverageAtStart.join(' ')}, data in ${workDir}`,
  );
  if (options.distributed) {
    try {
      return await runDistributedBench(ctx);
    } catch (error) {
      if (error instanceof DistributedUnavailable) {
        process.stderr.write(`${error.message}\nNothing was measured.\n`);
        return 3;
      }
      log(`FAILED distributed: ${error instanceof Error ? error.stack : String(error)}`);
      return 1;
    } finally {
      if (!options.keepData) rmSync(workDir, { recursive: true, force: true });
    }
  }
  if (options.diskBreakdown) {
    try {
      await runDiskBreakdown(ctx);
      return 0;
    } catch (error) {
      log(`FAILED disk-breakdown: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    } finally {
      if (!options.keepData) rmSync(workDir, { recursive: true, force: true });
    }
  }
  let failures = 0;
  const skipped: Record<string, string> = {};
  const attempt = async (names: ScenarioName[], body: () => Promise<void>) => {
    if (!names.some((name) => options.only.has(name))) return;
    try {
      await body();
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      log(`FAILED ${names.join('/')}: ${message}`);
      for (const name of names) {
        if (options.only.has(name) && !run.scenarios[name])
          skipped[name] = `failed: ${message.split('\n')[0].slice(0, 300)}`;
      }
    }
  };

  let scalingRows: Awaited<ReturnType<typeof runSubjectDataSet>>['scaling'] = [];
  await attempt(
    ['import-csv', 'rebuild', 'search-inprocess', 'search-http', 'dose-record-http'],
    async () => {
      const outcome = await runSubjectDataSet(ctx);
      Object.assign(run.scenarios, outcome.results);
      Object.assign(skipped, outcome.skipped);
      scalingRows = outcome.scaling;
    },
  );
  await attempt(['login-otp'], async () => {
    const outcome = await runLoginOtp(ctx);
    if ('skipped' in outcome) skipped['login-otp'] = outcome.skipped;
    else run.scenarios['login-otp'] = outcome.result;
  });

  await attempt(['due-list'], async () => {
    Object.assign(run.scenarios, await runDueList(ctx, options.subjectCounts[options.subjectCounts.length - 1]));
  });

  await attempt(['certificates-issue-http', 'certificates-verify-http'], async () => {
    const outcome = await runCertificates(ctx);
    for (const [name, result] of [['certificates-issue-http', outcome.issue], ['certificates-verify-http', outcome.verify]] as const) {
      if (!options.only.has(name)) continue;
      if ('skipped' in result) skipped[name] = result.skipped;
      else run.scenarios[name] = result.result;
    }
  });

  if (scalingRows.length > 0) run.scaling = scalingRows;
  if (Object.keys(skipped).length > 0) run.skipped = skipped;
  const file = writeRun(run, resultsDir);
  process.stdout.write(`\n${renderTable(run)}\n\nresults: ${file}\n`);
  if (scalingRows.length > 1) {
    const svg = file.replace(/\.json$/, '-chart.svg');
    writeFileSync(
      svg,
      renderScalingSvg(
        `vaxledger standalone: cost against subjects loaded (${run.startedAt.slice(0, 10)})`,
        scalingSeries(scalingRows),
      ),
    );
    process.stdout.write(`scaling chart: ${svg}\n`);
  }
  if (profileDir)
    process.stdout.write(
      `CPU profiles: ${profileDir} (summarise with node dist/bench/src/profile-summary.js <file>)\n`,
    );
  if (!options.keepData) rmSync(workDir, { recursive: true, force: true });
  else process.stdout.write(`data kept in ${workDir}\n`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

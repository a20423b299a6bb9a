// `npm test`: installs dependencies when needed, starts the real engines (scripts/engines.sh), runs jest against
// them, stops the engines this run started, and exits with jest's code. Extra arguments go to jest, e.g.
// `npm test -- libs/kernel` or `npm test -- -t "refuses a second dose"`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, repositoryRoot } from './ensure-built.mjs';

const inCi = process.env.CI === 'true';
const stateDir = join(repositoryRoot, '.engines');
const enginesScript = join(repositoryRoot, 'scripts', 'engines.sh');
// Engines this run started; only those are stopped at the end, so engines someone left running stay up.
const startedRecord = join(stateDir, `started-by-test-${process.pid}`);
const jestResults = join(stateDir, `jest-results-${process.pid}.json`);

const engines = [
  { name: 'kafka', variable: 'KAFKA_BROKERS', installable: true },
  { name: 'mongo', variable: 'MONGO_URL', installable: true },
  { name: 'redis', variable: 'REDIS_URL', installable: true },
  // EventStoreDB cannot be installed on these machines: its suite runs only against one the caller points at.
  { name: 'eventstoredb', variable: 'EVENTSTORE_URL', installable: false },
];

function say(message) {
  process.stderr.write(`[test] ${message}\n`);
}

let interrupted = null;
let jest = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (jest && jest.exitCode === null && jest.signalCode === null) jest.kill(signal);
  });
}

function stopStartedEngines() {
  if (!existsSync(startedRecord)) return;
  const started = [...new Set(readFileSync(startedRecord, 'utf8').split('\n').filter(Boolean))];
  rmSync(startedRecord, { force: true });
  if (started.length === 0) return;
  say(`stopping the engines this run started: ${started.join(', ')}`);
  spawnSync('bash', [enginesScript, 'down', ...started], { cwd: repositoryRoot, stdio: 'inherit' });
}

/** Reads `export NAME=value` lines written by engines.sh (no shell: the values are plain addresses). */
function loadEngineAddresses() {
  const envFile = join(stateDir, 'env.sh');
  if (!existsSync(envFile)) return;
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}

function reportEngines(callerSet) {
  const lines = engines.map(({ name, variable, installable }) => {
    const value = process.env[variable]?.trim();
    if (value) return `  used     ${name.padEnd(12)} ${variable}=${value}${callerSet.has(variable) ? ' (from your environment)' : ''}`;
    const why = installable ? 'did not start, see the engines output above' : 'cannot be installed here; set it to run';
    return `  SKIPPED  ${name.padEnd(12)} ${variable} not set (${why})`;
  });
  say(`engines for this run:\n${lines.join('\n')}`);
}

function printTotals() {
  if (!existsSync(jestResults)) return;
  try {
    const results = JSON.parse(readFileSync(jestResults, 'utf8'));
    const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
    // A suite that could not even load has no failed tests of its own; it still counts as a failure.
    const failed = (results.numFailedTests ?? 0) + (results.numRuntimeErrorTestSuites ?? 0);
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  } catch {
    // jest's own summary above is still there; the one-line total is a convenience.
  } finally {
    rmSync(jestResults, { force: true });
  }
}

async function main() {
  ensureDependencies();

  // Debian tools and kustomize that some suites drive for real; a failure here shows up as loud skips
  // (or, with CI=true, as failing suites), so it does not stop the run by itself.
  const tools = spawnSync('bash', [join(repositoryRoot, 'scripts', 'test-tools.sh')], { cwd: repositoryRoot, stdio: 'inherit' });
  if (interrupted) return 130;
  if (tools.status !== 0) say('some test tools could not be provided (see above)');

  const callerSet = new Set(engines.map((e) => e.variable).filter((variable) => process.env[variable]?.trim()));
  const enginesUp = spawnSync('bash', [enginesScript, 'up', '--record', startedRecord], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (interrupted) return 130;
  loadEngineAddresses();
  reportEngines(callerSet);
  const enginesFailed = enginesUp.status !== 0;
  if (enginesFailed) say(inCi ? 'an engine failed to start and CI=true: this run will fail' : 'engines.sh reported a failure');

  const userArgs = process.argv.slice(2);
  const wantsOwnReport = userArgs.some((arg) => arg.startsWith('--json') || arg.startsWith('--outputFile'));
  const jestArgs = ['jest', '--ci', ...(wantsOwnReport ? [] : ['--json', `--outputFile=${jestResults}`]), ...userArgs];
  jest = spawn('npx', ['--no-install', ...jestArgs], { cwd: repositoryRoot, stdio: 'inherit', env: process.env });
  const code = await new Promise((resolve) => {
    jest.on('error', (error) => {
      say(`could not run jest: ${error.message}`);
      resolve(1);
    });
    jest.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + (constants.signals[signal] ?? 1)));
  });
  printTotals();
  if (enginesFailed && inCi && code === 0) return 1;
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
} finally {
  stopStartedEngines();
}
process.exit(interrupted && exitCode === 0 ? 130 : exitCode);

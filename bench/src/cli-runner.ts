/** Runs the vaxledger CLI (built) as a child process on a data directory, timing it and sampling its memory. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySampler } from './process-memory';
import { repoRoot } from './repo-paths';

export interface CliRun {
  exitCode: number;
  seconds: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

export const cliEntry = join(repoRoot, 'dist/apps/cli/src/main.js');

export function cliAvailable(): boolean {
  return existsSync(cliEntry);
}

export async function runCli(
  args: string[],
  options: {
    dataDir: string;
    /** Called every 15 s with the seconds elapsed: the CLI draws its progress bar only on a terminal. */
    onHeartbeat?: (seconds: number) => void;
    env?: Record<string, string>;
    cpuProfileDir?: string;
    onOutput?: (line: string) => void;
  },
): Promise<CliRun> {
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, cliEntry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, VAXLEDGER_DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory = new MemorySampler(child.pid!).start();
  let stdout = '';
  let stderr = '';
  const forward = (chunk: Buffer) => {
    // Progress bars redraw with \r: pass on only the latest state of each line.
    for (const line of chunk.toString().split(/[\r\n]+/)) if (line.trim()) options.onOutput?.(line.trim());
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-20_000);
    forward(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
    forward(chunk);
  });
  const heartbeat = setInterval(
    () => options.onHeartbeat?.(Math.round((performance.now() - started) / 1000)),
    15_000,
  );
  const exitCode: number = await new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  clearInterval(heartbeat);
  return {
    exitCode,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: memory.stop(),
    stdout,
    stderr,
  };
}

/** Runs inprocess-worker.ts in a child process and returns what it printed. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-paths';

export async function runInProcessWorker<T>(
  args: string[],
  options: { env?: Record<string, string>; cpuProfileDir?: string; log?: (line: string) => void } = {},
): Promise<T> {
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, 'inprocess-worker.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.log?.(line.trim());
  });
  const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`in-process worker ${args[0]} exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

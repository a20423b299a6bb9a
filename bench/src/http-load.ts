/** Runs a load plan in a separate process (see load-generator.ts) and returns its summary. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadPlan, LoadSummary } from './load-generator';

export type { LoadPlan, LoadSummary };

export async function runLoad(plan: LoadPlan, workDir: string, label: string): Promise<LoadSummary> {
  const planFile = join(workDir, `${label}.plan.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const child = spawn(process.execPath, [join(__dirname, 'load-generator.js'), planFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`load generator for ${label} exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadSummary;
}

/** What every scenario gets: the options, a scratch directory, a progress log, where profiles go. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from './bench-options';

export interface BenchContext {
  options: BenchOptions;
  /** A fresh directory for this run's data directories and generated files. */
  workDir: string;
  /** Set with --profile: where CPU profiles of the server and CLI runs are written. */
  profileDir: string | null;
  log(line: string): void;
}

/** With --profile: the directory for one measured process's CPU profile (`<profiles>/<label>/`); else undefined. */
export function profileDirFor(ctx: BenchContext, label: string): string | undefined {
  if (!ctx.profileDir) return undefined;
  const dir = join(ctx.profileDir, label);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A progress line that overwrites itself at most every `everyMs`, so long loads stay readable. */
export function throttled(log: (line: string) => void, everyMs = 5000): (line: string) => void {
  let last = 0;
  return (line: string) => {
    const now = Date.now();
    if (now - last >= everyMs) {
      last = now;
      log(line);
    }
  };
}

/** Resident memory of a process from /proc (Linux): current RSS and its high-water mark (VmHWM). */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  rssMb: number;
  peakRssMb: number;
}

export function readProcessMemory(pid: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    // An exiting process (zombie) has no memory lines: nothing to report, rather than NaN.
    if (!Number.isFinite(rss) || !Number.isFinite(peak)) return null;
    return { rssMb: rss / 1024, peakRssMb: peak / 1024 };
  } catch {
    return null;
  }
}

/**
 * Samples a process's memory until stopped. Over a whole process life the kernel's high-water mark (VmHWM) is
 * the peak; for one phase of a process that is reused (search, then doses), `phase: true` keeps to the RSS
 * sampled during the phase, since the high-water mark remembers earlier phases.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private peakMb = 0;
  private childPeakMb = 0;

  constructor(
    private readonly pid: number,
    private readonly options: { intervalMs?: number; phase?: boolean } = {},
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.options.intervalMs ?? 250);
    this.timer.unref();
    return this;
  }

  /** Stops sampling; returns the peak RSS seen (and the kernel's high-water mark if it is still readable). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return round1(this.peakMb);
  }

  get peakRssMb(): number {
    return round1(this.peakMb);
  }

  /**
   * The highest RSS of any child process (the standalone server's pipeline process), sampled: each process
   * has its own 1 GiB budget, so this is reported beside the parent's figure, not added to it.
   */
  get childPeakRssMb(): number {
    return round1(this.childPeakMb);
  }

  private sample(): void {
    const memory = readProcessMemory(this.pid);
    if (memory) this.peakMb = Math.max(this.peakMb, memory.rssMb, this.options.phase ? 0 : memory.peakRssMb);
    for (const child of childrenOf(this.pid)) {
      const childMemory = readProcessMemory(child);
      if (childMemory) this.childPeakMb = Math.max(this.childPeakMb, childMemory.rssMb);
    }
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

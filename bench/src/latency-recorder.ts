/** Latencies measured in-process with sub-millisecond resolution, summarised as percentiles. */
export class LatencyRecorder {
  private samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** Nearest-rank percentile, in ms, rounded to the microsecond. */
  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return Math.round(sorted[rank] * 1000) / 1000;
  }

  summary(): { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number } {
    return {
      count: this.count,
      p50Ms: this.percentile(50),
      p90Ms: this.percentile(90),
      p99Ms: this.percentile(99),
      maxMs: this.percentile(100),
    };
  }
}

/**
 * Calls `operation` from `concurrency` loops for `seconds` and records each call's latency. With concurrency 1
 * this is the latency of one caller on an idle system; higher values show throughput under contention.
 */
export async function driveFor(
  seconds: number,
  concurrency: number,
  operation: (i: number) => Promise<unknown>,
): Promise<{
  latencies: LatencyRecorder;
  calls: number;
  errors: number;
  elapsedSeconds: number;
  firstError?: string;
}> {
  const latencies = new LatencyRecorder();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const loop = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await operation(i);
        latencies.record(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, calls: next, errors, elapsedSeconds: (performance.now() - started) / 1000, firstError };
}

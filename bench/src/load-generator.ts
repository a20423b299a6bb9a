/**
 * Child-process entry that drives autocannon, so the load generator never shares an event loop (or a CPU
 * time slice accounting) with the code under test. Reads a JSON plan, prints one JSON summary on stdout.
 *
 * Requests come from a JSON-lines file of `{ "path": "...", "body": {...} }`, taken in order and cycled, so
 * each connection sends different subjects (schedule rules, caches and indexes see realistic traffic).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadPlan {
  baseUrl: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  requestsFile: string;
  durationSeconds?: number;
  connections: number;
  /**
   * Requests per second across all connections (open loop). Absent: each connection sends its next request
   * as soon as the previous one is answered, which measures the most the server can do.
   */
  overallRate?: number;
}

export interface LoadSummary {
  requests: number;
  durationSeconds: number;
  throughputPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

interface PlannedRequest {
  path: string;
  body?: unknown;
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
  const lines = readFileSync(plan.requestsFile, 'utf8').split('\n').filter(Boolean);
  const planned = lines.map((line) => {
    const parsed = JSON.parse(line) as PlannedRequest;
    return { path: parsed.path, body: parsed.body === undefined ? undefined : JSON.stringify(parsed.body) };
  });
  if (planned.length === 0) throw new Error('no requests planned');
  let next = 0;
  const result = await autocannon({
    url: plan.baseUrl,
    method: plan.method,
    headers: { 'content-type': 'application/json', ...plan.headers },
    connections: plan.connections,
    ...(plan.overallRate ? { overallRate: plan.overallRate } : {}),
    duration: plan.durationSeconds ?? 10,
    timeout: 30,
    requests: [
      {
        setupRequest: (request: { path: string; method: string; body?: string }) => {
          const item = planned[next % planned.length];
          next++;
          request.path = item.path;
          request.method = plan.method;
          if (item.body !== undefined) request.body = item.body;
          return request;
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stats.count;
  }
  const durationSeconds = result.duration;
  const summary: LoadSummary = {
    requests: result.requests.total,
    durationSeconds,
    throughputPerSec: Math.round(((result.requests.total - result.non2xx) / durationSeconds) * 10) / 10,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`load generator failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

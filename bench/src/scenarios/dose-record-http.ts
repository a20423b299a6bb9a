/**
 * dose-record-http: sustained `POST /api/v1/subjects/{id}/doses` against the standalone server holding the
 * data set. Adults of the data set (listed through the API) each get up to three Comirnaty doses with valid
 * intervals (dose 1, dose 2 four weeks later, a booster five months after that). Requests walk through all
 * those subjects before a subject's next dose, so no two requests for one subject are ever in flight together
 * and no schedule rule refuses a dose the bench meant to be valid.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../bench-context';
import type { ScenarioResult } from '../bench-report';
import { runLoad } from '../http-load';
import type { StandaloneServer } from '../standalone-server';

/** The most doses per second the bench plans for; enough subjects are listed that the load never runs out. */
const plannedCeilingPerSec = 4000;
const dosesPerSubject = 3;
const doseOffsetsDays = [0, 28, 28 + 150];
const sites = ['LD', 'RD'] as const;
/** Born in 2002 or before: an adult on every dose date below (July 2021 to April 2022), for every product. */
const latestAdultBirthYear = 2002;

export async function measureDoseRecording(
  ctx: BenchContext,
  server: StandaloneServer,
  facilityId: string,
  headers: Record<string, string>,
): Promise<ScenarioResult> {
  const { options, log } = ctx;
  const wanted = Math.ceil((options.loadSeconds * plannedCeilingPerSec) / dosesPerSubject);
  log(`[dose-record-http] listing up to ${wanted.toLocaleString('en-US')} adult subjects of the facility`);
  const subjectIds = await listAdultSubjects(server.baseUrl, headers, facilityId, wanted);
  if (subjectIds.length < wanted) log(`  note: ${subjectIds.length} adults available, fewer than planned`);
  const requestsFile = join(ctx.workDir, 'dose-requests.jsonl');
  writeFileSync(requestsFile, doseRequests(subjectIds, facilityId).join('\n') + '\n');

  log(
    `  ${options.loadSeconds} s of load, ${options.connections} connections, ${subjectIds.length.toLocaleString('en-US')} subjects`,
  );
  const memory = server.samplePhase();
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
    'dose-record-http',
  );
  const peak = memory.stop();
  log(
    `  ${load.throughputPerSec}/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.non2xx} non-2xx; peak RSS ${peak} MB`,
  );
  return {
    subjectsDosed: subjectIds.length,
    requests: load.requests,
    durationSeconds: load.durationSeconds,
    throughputPerSec: load.throughputPerSec,
    p50Ms: load.p50Ms,
    p90Ms: load.p90Ms,
    p99Ms: load.p99Ms,
    maxMs: load.maxMs,
    errors: load.non2xx + load.errors + load.timeouts,
    statusCodes: load.statusCodes,
    connections: options.connections,
    peakRssMb: peak,
    target: '≥ 2,000/s, p99 ≤ 50 ms',
    notes: [
      'autocannon in its own process; latency resolution 1 ms; throughput counts 2xx answers only',
      'each request: bearer JWT check, validation, load of the subject’s immunization stream, schedule rules, durable append (SQLite synchronous=FULL, group commit); projections, relay and consumers run in the same process unless the server is started with VAXLEDGER_PIPELINE=process',
      'server: the same process as search-http, after it; peakRssMb is the RSS sampled during this phase',
    ],
  };
}

/** Adults the facility manages, through the API (pages of 200), until `wanted` are found. */
export async function listAdultSubjects(
  baseUrl: string,
  headers: Record<string, string>,
  facilityId: string,
  wanted: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < wanted) {
    const url: string = `${baseUrl}/api/v1/facilities/${facilityId}/subjects?limit=200${after ? `&after=${after}` : ''}`;
    const response = await fetch(url, { headers });
    if (response.status !== 200)
      throw new Error(`listing subjects answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as {
      items: Array<{ subjectId: string; birthYear: number }>;
      next: string | null;
    };
    for (const item of page.items) if (item.birthYear <= latestAdultBirthYear) ids.push(item.subjectId);
    if (!page.next) break;
    after = page.next;
  }
  return ids.slice(0, wanted);
}

/** Round r of doses for every subject, then round r + 1: the same subject comes back only a full round later. */
export function doseRequests(subjectIds: string[], facilityId: string): string[] {
  const lines: string[] = [];
  const firstDay = Date.UTC(2021, 6, 1);
  for (let round = 0; round < dosesPerSubject; round++) {
    subjectIds.forEach((subjectId, i) => {
      const day = new Date(firstDay + ((i % 90) + doseOffsetsDays[round]) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const body = {
        vaccineCode: 'COMIRNATY',
        lotNumber: `FK${String(1000 + (i % 400)).padStart(4, '0')}`,
        administeredAt: `${day}T${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+07:00`,
        facilityId,
        site: sites[i % 2],
      };
      lines.push(JSON.stringify({ path: `/api/v1/subjects/${subjectId}/doses`, body }));
    });
  }
  return lines;
}

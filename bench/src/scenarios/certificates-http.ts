/**
 * certificates-issue-http and certificates-verify-http: EU DCC certificates issued per second
 * (`POST /api/v1/subjects/{id}/certificates`: holder from registry's stream, doses from the immunization
 * record, ES256 signature, zlib, Base45, QR PNG, durable append) and verified per second
 * (`POST /api/v1/certificates/verify`: every layer, signature, trust list and revocation list), against a
 * fresh standalone server whose subjects each have one COVID-19 dose.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@vaxledger/kernel';
import { type BenchContext, profileDirFor } from '../bench-context';
import type { ScenarioOutcome, ScenarioResult } from '../bench-report';
import { mintAccessToken, staffPrincipal } from '../bench-tokens';
import { runLoad, type LoadSummary } from '../http-load';
import { SeededRandom } from '../seeded-random';
import { provisionSigningKey, StandaloneServer } from '../standalone-server';

const maxConnections = 16;

export async function runCertificates(ctx: BenchContext): Promise<{ issue: ScenarioOutcome; verify: ScenarioOutcome }> {
  const { options, log } = ctx;
  const subjectCount = options.mode === 'quick' ? 50 : 500;
  const connections = Math.min(options.connections, maxConnections);
  const dataDir = join(ctx.workDir, 'certificates-data');
  const key = provisionSigningKey(dataDir);
  // Verification is rate-limited per address in production; the bench is one address.
  const server = await StandaloneServer.start({ dataDir, env: { CERTIFICATE_VERIFY_PER_MINUTE: '100000000' }, cpuProfileDir: profileDirFor(ctx, 'certificates-server') });
  try {
    const facilityId = newId();
    const token = await mintAccessToken(staffPrincipal(facilityId, '79', ['data_entry', 'dose_history_update', 'subject_management']), key);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    log(`[certificates] registering ${subjectCount} subjects with one COVID-19 dose each`);
    const subjectIds = await subjectsWithDose(server.baseUrl, headers, facilityId, subjectCount, new SeededRandom(options.seed));

    const issueFile = join(ctx.workDir, 'certificate-issue-requests.jsonl');
    writeFileSync(issueFile, subjectIds.map((id) => JSON.stringify({ path: `/api/v1/subjects/${id}/certificates`, body: {} })).join('\n') + '\n');
    log(`  ${options.loadSeconds} s of issuance, ${connections} connections`);
    let memory = server.samplePhase();
    const issued = await runLoad({ baseUrl: server.baseUrl, method: 'POST', headers, requestsFile: issueFile, durationSeconds: options.loadSeconds, connections }, ctx.workDir, 'certificates-issue-http');
    const issuePeak = memory.stop();
    log(`  ${issued.throughputPerSec} certificates/s, p50 ${issued.p50Ms} ms, p99 ${issued.p99Ms} ms, ${issued.non2xx} non-2xx`);

    const hc1s: string[] = [];
    for (const id of subjectIds) {
      const response = await fetch(`${server.baseUrl}/api/v1/subjects/${id}/certificates`, { headers });
      const body = (await response.json()) as { items: Array<{ hc1: string }> };
      hc1s.push(...body.items.slice(0, 2).map((c) => c.hc1));
    }
    const verifyFile = join(ctx.workDir, 'certificate-verify-requests.jsonl');
    writeFileSync(verifyFile, hc1s.map((hc1) => JSON.stringify({ path: '/api/v1/certificates/verify', body: { hc1 } })).join('\n') + '\n');
    log(`  ${options.loadSeconds} s of verification over ${hc1s.length} certificates`);
    memory = server.samplePhase();
    const verified = await runLoad({ baseUrl: server.baseUrl, method: 'POST', headers: { 'content-type': 'application/json' }, requestsFile: verifyFile, durationSeconds: options.loadSeconds, connections }, ctx.workDir, 'certificates-verify-http');
    const verifyPeak = memory.stop();
    log(`  ${verified.throughputPerSec} verifications/s, p50 ${verified.p50Ms} ms, p99 ${verified.p99Ms} ms, ${verified.non2xx} non-2xx`);
    return {
      issue: { result: summary(issued, issuePeak, subjectCount, connections, 'each request: JWT check, registry stream fold (holder), immunization stream fold (doses), lot check, ES256 sign, zlib, Base45, QR PNG (level Q), durable append') },
      verify: { result: summary(verified, verifyPeak, subjectCount, connections, 'each request: prefix, Base45, zlib, CBOR/COSE, ES256 verify against the trust list, validity, key usage, revocation list from the certificate index') },
    };
  } finally {
    await server.stop();
  }
}

function summary(load: LoadSummary, peakRssMb: number, subjects: number, connections: number, note: string): ScenarioResult {
  return {
    subjects,
    requests: load.requests,
    durationSeconds: load.durationSeconds,
    throughputPerSec: load.throughputPerSec,
    p50Ms: load.p50Ms,
    p90Ms: load.p90Ms,
    p99Ms: load.p99Ms,
    maxMs: load.maxMs,
    errors: load.non2xx + load.errors + load.timeouts,
    statusCodes: load.statusCodes,
    connections,
    peakRssMb,
    target: 'no target in the brief (recorded)',
    notes: ['autocannon in its own process; throughput counts 2xx answers only', note],
  };
}

async function subjectsWithDose(baseUrl: string, headers: Record<string, string>, facilityId: string, count: number, random: SeededRandom): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(random.next() * 10))).join('');
    const body = {
      fullName: `Nguyễn Văn Ân ${String.fromCharCode(65 + (i % 26))}`,
      dateOfBirth: '1980-05-17',
      gender: 'male',
      idDocument: { type: 'CCCD', number: `0${digits(11)}` },
      phone: `091${digits(7)}`,
      address: { provinceCode: '79', districtCode: '769', line: 'Số 1 Võ Văn Ngân' },
    };
    const created = await fetch(`${baseUrl}/api/v1/subjects`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (created.status !== 201) throw new Error(`registering a subject answered ${created.status}: ${await created.text()}`);
    ids.push(((await created.json()) as { subjectId: string }).subjectId);
  }
  for (const subjectId of ids) {
    const dose = { vaccineCode: 'COMIRNATY', lotNumber: 'FK8891', administeredAt: '2021-10-04T09:00:00+07:00', facilityId, site: 'LD' };
    // Immunization learns the birth date over the bus; until then a dose may be refused, so retry briefly.
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${baseUrl}/api/v1/subjects/${subjectId}/doses`, { method: 'POST', headers, body: JSON.stringify(dose) });
      if (response.status === 201) break;
      if (attempt > 100) throw new Error(`recording a dose answered ${response.status}: ${await response.text()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return ids;
}

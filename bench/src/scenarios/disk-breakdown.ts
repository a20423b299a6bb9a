/**
 * `npm run bench -- --disk-breakdown`: bytes per subject in every store, and bytes per recorded dose. Imports N
 * subjects with the CLI, lets the standalone server relay them to the other services (audit trail, immunization
 * records, processed-message marks) and stops it cleanly; then records doses over HTTP for some of them and
 * measures again. Sizes come from SQLite's dbstat (pages per table and index), so they are valid on a loaded
 * machine: no clock is involved.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@vaxledger/kernel';
import { type BenchContext, throttled } from '../bench-context';
import { mintAccessToken, staffPrincipal } from '../bench-tokens';
import { runCli } from '../cli-runner';
import { resultsDir } from '../repo-paths';
import { breakDownDataDirectory, type DirectoryBreakdown, differenceOf, renderBreakdown } from '../sqlite-breakdown';
import { provisionSigningKey, StandaloneServer, startCaughtUp } from '../standalone-server';
import { SubjectGenerator, writeSubjectsCsv } from '../subject-generator';
import { doseRequests, listAdultSubjects } from './dose-record-http';

export interface DiskBreakdownResult {
  subjects: number;
  doses: number;
  perSubject: DirectoryBreakdown;
  perDose: DirectoryBreakdown;
  bytesPerSubject: number;
  bytesPerDose: number;
}

export async function runDiskBreakdown(ctx: BenchContext): Promise<DiskBreakdownResult> {
  const { options, log } = ctx;
  const subjects = options.subjectCounts[options.subjectCounts.length - 1];
  const doses = Math.min(2000, Math.floor(subjects / 10));
  const facility = { id: newId(), provinceCode: '79' };
  const dataDir = join(ctx.workDir, 'disk-data');
  provisionSigningKey(dataDir);

  const csv = join(ctx.workDir, 'disk-subjects.csv');
  log(`[disk] generating and importing ${subjects.toLocaleString('en-US')} subjects`);
  await writeSubjectsCsv(csv, new SubjectGenerator({ seed: options.seed }), subjects);
  const imported = await runCli(
    ['import', 'subjects', csv, '--facility', facility.id, '--province', facility.provinceCode],
    { dataDir, onOutput: throttled((line) => log(`  ${line}`)) },
  );
  if (imported.exitCode !== 0) throw new Error(`import failed (${imported.exitCode}): ${imported.stderr || imported.stdout}`);

  log('[disk] server catches up with the imported subjects (relay, audit trail, immunization records)');
  const first = await startCaughtUp({
    dataDir,
    readyTimeoutMs: 3600_000,
    onWaiting: throttled((s) => log(`  catching up (${s})`), 15_000),
  });
  await first.server.stop();
  const afterSubjects = breakDownDataDirectory(dataDir);
  log(renderBreakdown(afterSubjects, subjects, 'subject'));

  log(`[disk] recording ${doses.toLocaleString('en-US')} first doses over HTTP`);
  const server = await StandaloneServer.start({ dataDir, readyTimeoutMs: 600_000 });
  try {
    const token = await mintAccessToken(staffPrincipal(facility.id, facility.provinceCode), server.tokenSigningKey());
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'benchmark', 'content-type': 'application/json' };
    const adults = await listAdultSubjects(server.baseUrl, headers, facility.id, doses);
    const requests = doseRequests(adults, facility.id).slice(0, adults.length).map((line) => JSON.parse(line));
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          const response = await fetch(`${server.baseUrl}${request.path}`, {
            method: 'POST',
            headers,
            body: JSON.stringify(request.body),
          });
          if (response.status !== 201) failed++;
          await response.arrayBuffer();
        }
      }),
    );
    if (failed > 0) throw new Error(`${failed} of ${requests.length} doses were refused`);
    // The pipeline relays the doses to registry and audit after they were acknowledged: let it finish.
    await server.waitUntilReady(60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    await server.stop();
  }
  const afterDoses = breakDownDataDirectory(dataDir);
  const perDose = differenceOf(afterDoses, afterSubjects);
  log(renderBreakdown(perDose, doses, 'dose'));

  const result: DiskBreakdownResult = {
    subjects,
    doses,
    perSubject: afterSubjects,
    perDose,
    bytesPerSubject: Math.round(afterSubjects.totalBytes / subjects),
    bytesPerDose: Math.round(perDose.totalBytes / doses),
  };
  const file = join(
    resultsDir,
    `disk-${new Date().toISOString().slice(0, 10)}${options.label ? `-${options.label}` : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify({ kind: 'disk-breakdown', seed: options.seed, ...result }, null, 2)}\n`);
  log(`[disk] ${result.bytesPerSubject} B per subject, ${result.bytesPerDose} B per dose; written to ${file}`);
  return result;
}

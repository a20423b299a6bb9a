/**
 * The due list at scale, in-process on the SQLite read-model store: builds the due-list read model from
 * synthetic events (registry facts and one or two COVID-19 doses per subject, subjects spread over facilities
 * like the import's), then reads random facility pages (random day, status, 50 a page) one caller at a time.
 */
import { join } from 'node:path';
import { doseRecordDecider, DueListProjection, ImmunizationReadModels, loadVaccineCatalogue, longestDueWindowDays, readDueList } from '@vaxledger/immunization';
import { newId, type RecordedEvent } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { type BenchContext, throttled } from '../bench-context';
import type { ScenarioResult } from '../bench-report';
import { driveFor } from '../latency-recorder';
import { SeededRandom } from '../seeded-random';

/** About as many people per facility as a commune health station serves. */
const subjectsPerFacility = 2_000;
const batchSize = 1_000;

const day = (offset: number) => new Date(Date.UTC(2021, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10);

export async function runDueList(ctx: BenchContext, subjects: number): Promise<Record<string, ScenarioResult>> {
  void doseRecordDecider; // the events below are the decider's own shapes (SubjectFactsNoted, DoseRecorded)
  const catalogue = loadVaccineCatalogue();
  const store = new SqliteReadModelStore(join(ctx.workDir, `due-list-${subjects}.db`));
  const readModels = new ImmunizationReadModels(store);
  const projection = new DueListProjection(readModels, catalogue);
  const random = new SeededRandom(ctx.options.seed);
  const facilities = Array.from({ length: Math.max(1, Math.ceil(subjects / subjectsPerFacility)) }, (_, i) => `facility-${i}`);
  const progress = throttled(ctx.log);
  let position = 0;
  let events = 0;
  const started = performance.now();
  const metadata = () => ({ eventId: newId(), correlationId: 'bench', causationId: null, actor: { accountId: 'bench' }, occurredAt: new Date().toISOString(), schemaVersion: 1 });
  for (let first = 0; first < subjects; first += batchSize) {
    const batch: RecordedEvent[] = [];
    for (let i = first; i < Math.min(subjects, first + batchSize); i++) {
      const subjectId = newId();
      const facilityId = facilities[random.int(0, facilities.length - 1)];
      const push = (type: string, data: unknown) => batch.push({ type, data, metadata: metadata(), streamId: `immunization-${subjectId}`, revision: 0, position: ++position } as unknown as RecordedEvent);
      push('SubjectFactsNoted', { subjectId, facts: { dateOfBirth: `19${random.int(40, 99)}-0${random.int(1, 9)}-1${random.int(0, 9)}`, birthYear: null, gender: 'female', provinceCode: '79', districtCode: '769', managingFacilityId: facilityId } });
      const vaccineCode = random.chance(0.5) ? 'VAXZEVRIA' : 'COMIRNATY';
      const firstDay = random.int(0, 180);
      const dose = (doseNumber: number, offset: number) => ({
        subjectId, doseId: newId(), vaccineCode, seriesGroup: 'covid19', doseNumber, administeredAt: `${day(offset)}T09:00:00+07:00`,
        lotNumber: 'L', facilityId, planId: null, site: null, route: 'IM', vaccinatorId: 'v', reporting: { ageBand: '18-49', sex: 'female', provinceCode: '79', districtCode: '769' },
      });
      push('DoseRecorded', dose(1, firstDay));
      if (random.chance(0.5)) push('DoseRecorded', dose(2, firstDay + 60));
    }
    await projection.applyBatch(batch);
    events += batch.length;
    progress(`due-list: ${Math.min(subjects, first + batchSize).toLocaleString('en')} / ${subjects.toLocaleString('en')} subjects projected`);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const entries = await readModels.dueEntries();
  const statuses = [undefined, 'due', 'overdue'] as const;
  const dueWindowDays = longestDueWindowDays(catalogue);
  const reads = await driveFor(ctx.options.loadSeconds, 1, async () => {
    await readDueList(entries, { facilityId: facilities[random.int(0, facilities.length - 1)], on: day(random.int(20, 300)), status: statuses[random.int(0, 2)], limit: 50, longestDueWindowDays: dueWindowDays });
  });
  await store.close();
  return {
    'due-list-build': {
      subjects,
      events,
      durationSeconds: Math.round(buildSeconds * 10) / 10,
      throughputPerSec: Math.round(events / buildSeconds),
      notes: [`${facilities.length} facilities, ~${subjectsPerFacility} subjects each; projection applyBatch of ${batchSize} subjects' events on SQLite`],
    },
    'due-list-read': {
      subjects,
      requests: reads.calls,
      errors: reads.errors,
      ...reads.latencies.summary(),
      target: 'fast at 10M subjects (no number in the brief)',
      notes: ['in-process readDueList, one caller, random facility, day and status, 50 a page; names (registry) not joined'],
    },
  };
}

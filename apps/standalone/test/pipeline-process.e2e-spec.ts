/**
 * The standalone app in its production layout: HTTP in this process, the background pipeline (projections,
 * relay, audit intake, consumers) in a second process started from the sources. Checks read-your-writes across
 * the two processes and that killing the pipeline process (SIGKILL, mid-stream) loses and doubles nothing.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';

const facilityId = 'facility-01-pipeline';

let serial = 0;
function subjectBody() {
  serial++;
  return {
    fullName: `Nguyễn Văn Thử ${String.fromCharCode(65 + (serial % 26))}`,
    dateOfBirth: '1980-05-17',
    gender: 'male',
    idDocument: { type: 'CCCD', number: `0${String(Date.now() % 1e6).padStart(6, '0')}${String(serial).padStart(5, '0')}` },
    phone: `091${String(serial).padStart(7, '0')}`,
    address: { provinceCode: '01', districtCode: '005', line: 'Số 12 ngõ 34 Trần Duy Hưng' },
  };
}

function readOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

describe('the standalone pipeline process', () => {
  let app: StandaloneTestApp;
  let token: string;

  beforeAll(async () => {
    // Read-your-writes waits at most PIPELINE_VISIBILITY_WAIT_MS (2 s by default) before answering anyway; on a
    // loaded test machine that cap, not the mechanism, would decide the outcome, so the suite gives it room.
    app = await StandaloneTestApp.start({ pipeline: 'process', env: { PIPELINE_VISIBILITY_WAIT_MS: '15000' } });
    token = await app.tokenFor({
      role: 'staff',
      accountId: newId(),
      facilityId,
      provinceCode: '01',
      rights: ['data_entry', 'subject_management'],
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function register(): Promise<string> {
    const response = await app.request('POST', '/api/v1/subjects', { token, body: subjectBody() });
    expect(response.status).toBe(201);
    return response.body.subjectId as string;
  }

  it('runs the pipeline in another process than HTTP', () => {
    expect(app.pipelineHost?.pid).toEqual(expect.any(Number));
    expect(app.pipelineHost?.pid).not.toBe(process.pid);
  });

  it('shows a recorded dose in the dose history on the very next request', async () => {
    const subjectId = await register();
    // The subject reaches immunization over the bus, in the pipeline process. Wait by reading its event log, not by
    // probing with a dose: until the subject's facts arrive a dose is taken without the birth-date rule, so a probe
    // could itself be recorded.
    const dose = { vaccineCode: 'COMIRNATY', lotNumber: 'FK5127', administeredAt: '2021-09-01T09:30:00+07:00', facilityId, site: 'LD' };
    const immunizationLog = readOnly(join(app.dataDir, 'immunization', 'events.db'));
    try {
      const factsNoted = immunizationLog
        .prepare("SELECT COUNT(*) FROM events WHERE stream_id = ? AND type = 'SubjectFactsNoted'")
        .pluck();
      await eventually(async () => (factsNoted.get(`immunization-${subjectId}`) as number) >= 1, 20_000);
    } finally {
      immunizationLog.close();
    }
    // Read-your-writes holds while the pipeline is caught up (during a catch-up writes are answered at once).
    await eventually(async () => (await app.request('GET', '/health/ready')).status === 200, 30_000);
    const readModels = readOnly(join(app.dataDir, 'immunization', 'read-models.db'));
    try {
      const dosesListing = (doseId: string): number => {
        try {
          return readModels.prepare('SELECT COUNT(*) FROM "rm_immunization_doses" WHERE doc LIKE ?').pluck().get(`%${doseId}%`) as number;
        } catch (error) {
          // The projection creates its table with its first document.
          if (String(error).includes('no such table')) return 0;
          throw error;
        }
      };
      const dates = ['2021-09-01', '2021-10-01', '2022-03-01'];
      for (const date of dates) {
        const recorded = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
          token,
          body: { ...dose, administeredAt: `${date}T09:30:00+07:00` },
        });
        expect(recorded.status).toBe(201);
        // Read at once, in the same turn as the answer: the pipeline process wrote it before the write was
        // acknowledged, not merely soon after.
        expect(dosesListing(recorded.body.doseId)).toBe(1);
        const history = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token });
        expect(history.status).toBe(200);
        expect(JSON.stringify(history.body)).toContain(recorded.body.doseId);
      }
    } finally {
      readModels.close();
    }
  }, 60_000);

  it('loses and doubles nothing when the pipeline process is killed mid-stream, and restarts it', async () => {
    const host = app.pipelineHost!;
    const killedPid = host.pid!;
    const subjects: string[] = [];
    let writing = true;
    // HTTP keeps taking writes before, during and after the kill.
    const writer = (async () => {
      for (let round = 0; round < 30; round++) {
        const batch = await Promise.all(Array.from({ length: 10 }, () => register()));
        subjects.push(...batch);
      }
      writing = false;
    })();

    const trailFile = join(app.dataDir, 'audit', 'trail.db');
    const registryLog = join(app.dataDir, 'registry', 'events.db');
    const registeredEventIds = (): string[] => {
      const db = readOnly(registryLog);
      try {
        return db
          .prepare("SELECT event_id FROM events WHERE type = 'SubjectRegistered'")
          .pluck()
          .all() as string[];
      } finally {
        db.close();
      }
    };
    const trailed = (eventIds: string[]): number => {
      const db = readOnly(trailFile);
      try {
        const statement = db.prepare('SELECT COUNT(*) FROM trail WHERE event_id = ?').pluck();
        return eventIds.reduce((sum, id) => sum + (statement.get(id) as number), 0);
      } finally {
        db.close();
      }
    };

    // Kill while the audit intake is part-way through the registrations that keep arriving.
    await eventually(async () => subjects.length >= 60 && trailed(registeredEventIds()) >= 40, 60_000);
    expect(writing).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => host.onExit((_code, signal) => resolve(signal)));
    process.kill(killedPid, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');

    await writer;
    await eventually(async () => host.pid !== undefined && host.pid !== killedPid, 30_000);
    expect(host.starts).toBeGreaterThanOrEqual(2);

    // Every registration reaches the trail exactly once and immunization notes each subject's facts once.
    const all = registeredEventIds();
    expect(all.length).toBeGreaterThanOrEqual(subjects.length);
    await eventually(async () => trailed(all) === all.length, 120_000);
    await eventually(async () => (await app.request('GET', '/health/ready')).status === 200, 60_000);

    const immunizationLog = readOnly(join(app.dataDir, 'immunization', 'events.db'));
    try {
      const countFacts = immunizationLog
        .prepare("SELECT COUNT(*) FROM events WHERE stream_id = ? AND type = 'SubjectFactsNoted'")
        .pluck();
      await eventually(async () => subjects.every((id) => (countFacts.get(`immunization-${id}`) as number) >= 1), 60_000);
      const doubled = subjects.filter((id) => (countFacts.get(`immunization-${id}`) as number) !== 1);
      expect(doubled).toEqual([]);
    } finally {
      immunizationLog.close();
    }

    // And the trail's audit read model holds each registration once (searchable by the auditor).
    const auditor = await app.tokenFor({ role: 'auditor' });
    const sample = subjects.slice(-5);
    for (const subjectId of sample) {
      const listed = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/audit/events?subjectId=${subjectId}`, { token: auditor });
        const registered = (response.body.items ?? []).filter((item: { type: string }) => item.type.endsWith('subject.registered'));
        return registered.length > 0 ? registered : null;
      }, 30_000);
      expect(listed).toHaveLength(1);
    }
  }, 300_000);
});

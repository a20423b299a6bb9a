import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../../apps/cli/src/cli-command';
import { importSubjectsCliCommand } from '../../../apps/cli/src/commands/import-subjects';
import { SqliteEventStore } from '@vaxledger/event-store';
import { secretFromEnvOrFile } from '@vaxledger/infrastructure';
import { newId } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { LookupHasher, openRegistryCollections, SubjectStreams } from '@vaxledger/registry';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { FacilityDirectoryConsumer } from '../src/read-models/facility-directory.consumer';

const repositoryRoot = resolve(__dirname, '../../..');
const sampleFile = join(repositoryRoot, 'samples/subjects-sample.csv');
const sampleValidRows = 15;
const sampleInvalidRows = 5;
const facilityId = '0190a1b2-0000-7000-8000-00000000f001';

const header =
  'full_name,date_of_birth,gender,id_type,id_number,phone,province_code,district_code,ward_code,address_line,priority_group,health_insurance_number';
const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const givens = ['An', 'Bình', 'Lan', 'Hùng', 'Mai', 'Sơn', 'Tâm', 'Trang'];

/** `count` valid rows with distinct documents and phones (row i: CCCD 0…i, phone 091…i). */
function generatedCsv(count: number): string {
  const lines = [header];
  for (let i = 0; i < count; i++) {
    lines.push(
      `${families[i % 8]} Văn ${givens[(i >> 3) % 8]},1990-01-${String(1 + (i % 28)).padStart(2, '0')},male,CCCD,0${String(i).padStart(11, '0')},091${String(i).padStart(7, '0')},01,005,,Số ${i} Trần Duy Hưng,,`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What the registry's event log holds, read straight from the SQLite file. */
function inspectLog(dataDir: string) {
  const db = new Database(join(dataDir, 'registry', 'events.db'), { readonly: true });
  try {
    const subjects = db
      .prepare(`SELECT json_extract(data, '$.subjectId') AS id, json_extract(data, '$.profile.idDocument.number') AS number FROM events WHERE type = 'SubjectRegistered'`)
      .all() as Array<{ id: string; number: string }>;
    const holders = db
      .prepare(`SELECT stream_id AS stream, json_extract(data, '$.subjectId') AS id FROM events WHERE type = 'IdDocumentReserved'`)
      .all() as Array<{ stream: string; id: string }>;
    return { subjects, holders };
  } finally {
    db.close();
  }
}

function expectExactly(dataDir: string, documents: number) {
  const { subjects, holders } = inspectLog(dataDir);
  const subjectIds = new Set(subjects.map((s) => s.id));
  expect(subjects).toHaveLength(documents);
  expect(subjectIds.size).toBe(documents);
  expect(new Set(subjects.map((s) => s.number)).size).toBe(documents);
  expect(new Set(holders.map((h) => h.stream)).size).toBe(documents);
  // Every reservation names a subject that exists, and every subject holds a reservation.
  expect(holders.every((h) => subjectIds.has(h.id))).toBe(true);
  expect(new Set(holders.map((h) => h.id))).toEqual(subjectIds);
}

describe('importing legacy subjects from CSV', () => {
  let dataDir: string;
  let workDir: string;
  let output: string[];
  let errors: string[];
  /** Through the console's router, as `npm run cli -- import subjects ...` runs it. */
  const run = (args: string[]) =>
    runCli(['import', 'subjects', ...args], {
      commands: [importSubjectsCliCommand],
      env: { VAXLEDGER_DATA_DIR: dataDir },
      stdout: { write: (text: string) => output.push(text) },
      stderr: { write: (text: string) => errors.push(text) },
      stdin: process.stdin,
    });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vx-import-data-'));
    workDir = mkdtempSync(join(tmpdir(), 'vx-import-files-'));
    output = [];
    errors = [];
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it('imports the sample file for a facility named by its code, reports rejected rows, and adds nothing the second time', async () => {
    mkdirSync(join(dataDir, 'registry'), { recursive: true });
    const readModels = new SqliteReadModelStore(join(dataDir, 'registry', 'read-models.db'));
    // The registry learns facilities from identity's organisation topic; this is what that consumer stores.
    await new FacilityDirectoryConsumer((await openRegistryCollections(readModels)).facilities).handle({
      specversion: '1.0',
      id: newId(),
      source: '/vaxledger/identity',
      type: 'vaxledger.identity.facility.registered',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: facilityId,
      data: { facilityId, code: 'HN-TYT-BD', provinceCode: '01' },
    });
    await readModels.close();
    const file = join(workDir, 'subjects.csv');
    writeFileSync(file, readFileSync(sampleFile));

    expect(await run([file, '--facility', 'HN-TYT-BD'])).toBe(0);
    expect(output.join('')).toMatch(/imported:\s+15\b/);
    expectExactly(dataDir, sampleValidRows);

    const report = readFileSync(`${file}.rejected.csv`, 'utf8').trim().split('\n');
    expect(report).toHaveLength(1 + sampleInvalidRows);
    expect(report[0]).toMatch(/^line,full_name,.*,reason$/);
    expect(report.join('\n')).toMatch(/idDocument\.number: a CCCD number has 12 digits/);
    expect(report.join('\n')).toMatch(/dateOfBirth: must not be in the future/);
    expect(report.join('\n')).toMatch(/address\.provinceCode: is not a known province code/);
    expect(report.join('\n')).toMatch(/phone: is not a valid phone number/);
    expect(report.join('\n')).toMatch(/fullName: is required/);

    output = [];
    expect(await run([file, '--facility', 'HN-TYT-BD'])).toBe(0);
    expect(output.join('')).toMatch(/imported:\s+0\b/);
    expect(output.join('')).toMatch(/already present:\s+15\b/);
    expectExactly(dataDir, sampleValidRows);
    expect(readFileSync(`${file}.rejected.csv`, 'utf8').trim().split('\n')).toHaveLength(1 + sampleInvalidRows);
  });

  it('refuses to start with a facility the registry does not know', async () => {
    const file = join(workDir, 'subjects.csv');
    writeFileSync(file, generatedCsv(3));
    expect(await run([file, '--facility', 'NO-SUCH-CODE'])).toBe(2);
    expect(errors.join('')).toMatch(/Unknown facility/);
    expect(existsSync(join(dataDir, 'registry', 'events.db')) ? inspectLog(dataDir).subjects : []).toHaveLength(0);
  });

  it('completes rows whose reservation an interrupted run wrote, under the reserved subject ids', async () => {
    const file = join(workDir, 'subjects.csv');
    writeFileSync(file, generatedCsv(50));
    // What a run killed between its two commits leaves: reservations naming subjects never created.
    const store = new SqliteEventStore(join(dataDir, 'registry', 'events.db'));
    const hasher = LookupHasher.fromRoot(secretFromEnvOrFile(undefined, join(dataDir, 'keys', 'lookup.key')));
    const streams = new SubjectStreams(store, hasher);
    const reserved = new Map<string, string>();
    for (const i of [0, 17, 49]) {
      const subjectId = newId();
      reserved.set(`0${String(i).padStart(11, '0')}`, subjectId);
      const meta = { actor: { accountId: 'system:subject-import' }, now: new Date(), correlationId: newId() };
      await streams.reserveDocument({ type: 'CCCD', number: `0${String(i).padStart(11, '0')}` }, subjectId, 'register', meta);
    }
    await store.close();

    expect(await run([file, '--facility', facilityId, '--province', '01', '--batch-size', '20'])).toBe(0);
    expectExactly(dataDir, 50);
    const { subjects } = inspectLog(dataDir);
    for (const [number, subjectId] of reserved) expect(subjects.find((s) => s.number === number)?.id).toBe(subjectId);
  });

  it('ends with exactly the right subjects when a run is killed midway and run again', async () => {
    const rows = 40_000;
    const file = join(workDir, 'subjects.csv');
    writeFileSync(file, generatedCsv(rows));
    const child = spawn(
      process.execPath,
      [
        join(__dirname, 'support/run-typescript.js'),
        join(repositoryRoot, 'apps/cli/src/commands/import-subjects.ts'),
        'importSubjectsCommand',
        file,
        '--facility',
        facilityId,
        '--province',
        '01',
        '--batch-size',
        '500',
      ],
      { cwd: repositoryRoot, env: { ...process.env, VAXLEDGER_DATA_DIR: dataDir }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
    // Kill it once a few batches are committed, well before the end.
    await eventually(async () => {
      if (!existsSync(join(dataDir, 'registry', 'events.db'))) return false;
      const reservations = inspectLog(dataDir).holders.length;
      return reservations >= 2000;
    }, 120_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = inspectLog(dataDir).subjects.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(rows);

    expect(await run([file, '--facility', facilityId, '--province', '01'])).toBe(0);
    expectExactly(dataDir, rows);
    // Subjects of the killed run are skipped; reservations it left without a subject are completed as imports.
    expect(output.join('')).toMatch(new RegExp(`already present:\\s+${partial}\\b`));
    expect(output.join('')).toMatch(new RegExp(`imported:\\s+${rows - partial}\\b`));
  }, 300_000);

  it('makes imported subjects searchable once the app starts on that data directory', async () => {
    const file = join(workDir, 'subjects.csv');
    writeFileSync(file, generatedCsv(20));
    expect(await run([file, '--facility', facilityId, '--province', '01'])).toBe(0);
    const app = await StandaloneTestApp.start({ dataDir });
    try {
      const token = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '01', rights: ['data_entry'] });
      // Row 9: "Trần Văn Bình", phone 0910000009.
      const response = await eventually(async () => {
        const found = await app.request('POST', '/api/v1/subjects/search', {
          token,
          body: { fullName: 'TRAN VAN BINH', phone: '0910000009' },
        });
        return found.body.items?.length === 1 ? found : null;
      });
      expect(response.body.items[0]).toMatchObject({ fullName: 'Trần Văn Bình', managingFacilityId: facilityId, phone: '*******009' });
    } finally {
      await app.close();
    }
  });
});

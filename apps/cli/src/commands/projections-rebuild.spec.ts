import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@vaxledger/event-store';
import { newId, type Projection, type RecordedEvent } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { projectionsRebuildCommand, rebuildFromLog } from './projections-rebuild';

async function rebuild(dataDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['projections', 'rebuild', ...argv], {
    commands: [projectionsRebuildCommand],
    env: { ...process.env, VAXLEDGER_DATA_DIR: dataDir, AUDIT_TRAIL_MONGO_URL: '' },
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin: new PassThrough(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('projections rebuild', () => {
  const root = mkdtempSync(join(tmpdir(), 'vaxledger-rebuild-'));
  const dataDir = join(root, 'data');
  const staff = {
    role: 'staff' as const,
    accountId: newId(),
    facilityId: newId(),
    provinceCode: '01',
    rights: ['data_entry' as const],
  };

  beforeAll(async () => {
    const app = await StandaloneTestApp.start({ dataDir });
    const token = await app.tokenFor(staff);
    for (const [n, name] of ['Trần Văn Minh', 'Lê Thị Hoa'].entries()) {
      const response = await app.request('POST', '/api/v1/subjects', {
        token,
        body: {
          fullName: name,
          dateOfBirth: '1990-01-0' + (n + 1),
          gender: n ? 'female' : 'male',
          idDocument: { type: 'CCCD', number: `00119000${1000 + n}` },
          phone: `091200000${n}`,
          address: { provinceCode: '01', line: 'Số 1' },
        },
      });
      expect(response.status).toBe(201);
    }
    const auditor = await app.tokenFor({ role: 'auditor' });
    await eventually(
      async () =>
        (await app.request('GET', '/api/v1/audit/events', { token: auditor })).body.items?.length >= 2,
    );
    await app.close({ keepData: true });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('drops and rebuilds every read model it knows from each service log, and reports events per second', async () => {
    const registryModels = join(dataDir, 'registry', 'read-models.db');
    const auditModels = join(dataDir, 'audit', 'read-models.db');
    const before = {
      registry: countRows(registryModels, 'rm_registry_subject_lookup'),
      audit: countRows(auditModels, 'rm_audit_events'),
    };
    expect(before.registry).toBe(2);

    const result = await rebuild(dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^registry: rebuilt .*subject-lookup.* from \d+ events$/m);
    expect(result.stdout).toMatch(/^audit: rebuilt audit-events from \d+ events$/m);
    expect(result.stdout).toMatch(/^rebuilt from \d+ events in [\d.]+ s: \d+ events\/s$/m);
    expect({
      registry: countRows(registryModels, 'rm_registry_subject_lookup'),
      audit: countRows(auditModels, 'rm_audit_events'),
    }).toEqual(before);
  });

  it('rebuilds one service by name and refuses a name nobody has', async () => {
    const result = await rebuild(dataDir, 'audit');
    expect(result.stdout).toContain('audit: rebuilt audit-events');
    expect(result.stdout).not.toContain('registry:');
    const unknown = await rebuild(dataDir, 'nothing-like-this');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Known: ');
  });

  it('takes its memory settings as options and refuses settings it cannot honour', async () => {
    const bounded = await rebuild(dataDir, 'registry', '--cache-mib', '16', '--temp-store', 'file', '--commit-every', '1000');
    expect(bounded.code).toBe(0);
    expect(bounded.stdout).toContain('registry: rebuilt');
    expect((await rebuild(dataDir, '--temp-store', 'ram')).stderr).toContain('--temp-store is file or memory');
    expect((await rebuild(dataDir, '--cache-mib', '0')).code).toBe(2);
    expect((await rebuild(dataDir, '--commit-every', '10')).code).toBe(2);
  });
});

describe('rebuilding from a log', () => {
  const root = mkdtempSync(join(tmpdir(), 'vaxledger-rebuild-log-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function logOf(file: string, count: number): Promise<SqliteEventStore> {
    const log = new SqliteEventStore(join(root, file));
    for (let n = 0; n < count; n++) {
      await log.append(
        `tally-${n}`,
        [
          {
            type: 'Counted',
            data: { n },
            metadata: {
              eventId: newId(),
              correlationId: newId(),
              causationId: null,
              actor: { accountId: 'system' },
              occurredAt: '2026-11-25T00:00:00Z',
              schemaVersion: 1,
            },
          },
        ],
        'no_stream',
      );
    }
    return log;
  }

  /** Writes one document per event; fails on the event numbered `failAt`, if any. */
  async function tally(readModels: SqliteReadModelStore, failAt?: number): Promise<Projection> {
    const counted = await readModels.collection<{ id: string; n: number }>({
      name: 'tally',
      indexes: [{ fields: ['n'] }],
    });
    return {
      name: 'tally',
      handles: new Set(['Counted']),
      reset: () => counted.clear(),
      apply: async (event: RecordedEvent) => {
        const { n } = event.data as { n: number };
        if (n === failAt) throw new Error('projection bug');
        await counted.upsert({ id: event.streamId, n }, event.position);
      },
    };
  }

  it('saves the checkpoint at the last event once every page is applied', async () => {
    const log = await logOf('whole.db', 7);
    const readModels = new SqliteReadModelStore(join(root, 'whole-read-models.db'));
    const events = await rebuildFromLog('registry', log, readModels, [await tally(readModels)], {
      batchSize: 3,
    });
    expect(events).toBe(7);
    expect(await readModels.getCheckpoint('tally')).toBe(await log.headPosition());
    const counted = await readModels.collection<{ id: string; n: number }>({ name: 'tally', indexes: [] });
    expect(await counted.count({ n: { $gte: 0 } })).toBe(7);
    await Promise.all([log.close(), readModels.close()]);
  });

  it('leaves the projection without a checkpoint when the rebuild fails part-way, so it is redone', async () => {
    const log = await logOf('broken.db', 7);
    const readModels = new SqliteReadModelStore(join(root, 'broken-read-models.db'));
    await readModels.saveCheckpoint('tally', 3);
    await expect(
      rebuildFromLog('registry', log, readModels, [await tally(readModels, 5)], { batchSize: 3 }),
    ).rejects.toThrow('projection bug');
    expect(await readModels.getCheckpoint('tally')).toBeNull();
    await Promise.all([log.close(), readModels.close()]);
  });
});

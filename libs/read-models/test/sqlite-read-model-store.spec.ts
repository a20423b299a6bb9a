import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore, type SqliteReadModelCollection } from '@vaxledger/read-models';
import { readModelStoreContract } from './read-model-store.contract';

const directories = new Map<SqliteReadModelStore, string>();

describe('SqliteReadModelStore contract', () => {
  readModelStoreContract({
    open: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'vx-read-models-'));
      const store = new SqliteReadModelStore(join(directory, 'read-models.sqlite'));
      directories.set(store, directory);
      return store;
    },
    dispose: async (store) => {
      await store.close();
      rmSync(directories.get(store as SqliteReadModelStore)!, { recursive: true, force: true });
    },
  });
});

describe('SqliteReadModelStore on disk', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'vx-read-models-'));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const subjectLookup = {
    name: 'subjectLookup',
    indexes: [{ fields: ['nameKey', 'phoneHash'] }, { fields: ['idNumberHash'], unique: true }],
  };

  async function openLookup(store: SqliteReadModelStore) {
    return (await store.collection(subjectLookup)) as SqliteReadModelCollection<{
      id: string;
      nameKey: string;
      phoneHash: string;
      idNumberHash: string;
      dateOfBirth?: string;
    }>;
  }

  it('answers a name and phone search from the expression index, not a table scan', async () => {
    const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
    const lookup = await openLookup(store);
    const plan = lookup.explainFind({ nameKey: 'nguyen van an', phoneHash: 'p-1' }, { limit: 20 }).join('\n');
    expect(plan).toMatch(/USING INDEX "?ix:subjectLookup:nameKey\+phoneHash"?/);
    expect(plan).not.toMatch(/^SCAN/m);
    await store.close();
  });

  it('answers an ID-number lookup and an $in lookup from the unique index', async () => {
    const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
    const lookup = await openLookup(store);
    expect(lookup.explainFind({ idNumberHash: 'h-1' }).join('\n')).toMatch(
      /USING INDEX "?ux:subjectLookup:idNumberHash"?/,
    );
    expect(lookup.explainFind({ idNumberHash: { $in: ['h-1', 'h-2'] } }).join('\n')).toMatch(
      /SEARCH .*USING INDEX "?ux:subjectLookup:idNumberHash"?/,
    );
    // An undeclared field has no index: the plan says so honestly.
    expect(lookup.explainFind({ dateOfBirth: '1990-01-01' }).join('\n')).toMatch(/^SCAN/m);
    await store.close();
  });

  it('finds documents and checkpoints again after the process restarts', async () => {
    const file = join(directory, 'rm.sqlite');
    const first = new SqliteReadModelStore(file);
    await (
      await openLookup(first)
    ).upsert({ id: 's-1', nameKey: 'an', phoneHash: 'p', idNumberHash: 'h' }, 7);
    await first.saveCheckpoint('subject-lookup', 7);
    await first.close();

    const second = new SqliteReadModelStore(file);
    const lookup = await openLookup(second);
    expect(await lookup.find({ nameKey: 'an', phoneHash: 'p' })).toEqual([
      { id: 's-1', nameKey: 'an', phoneHash: 'p', idNumberHash: 'h' },
    ]);
    expect(await second.getCheckpoint('subject-lookup')).toBe(7);
    expect(await lookup.upsert({ id: 's-1', nameKey: 'an', phoneHash: 'p', idNumberHash: 'h' }, 7)).toBe(
      false,
    );
    await second.close();
  });

  it('rolls back a whole batch when one item breaks a unique index', async () => {
    const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
    const lookup = await openLookup(store);
    await expect(
      lookup.upsertMany([
        { doc: { id: 's-1', nameKey: 'a', phoneHash: 'p', idNumberHash: 'same' }, position: 1 },
        { doc: { id: 's-2', nameKey: 'b', phoneHash: 'p', idNumberHash: 'same' }, position: 2 },
      ]),
    ).rejects.toThrow();
    expect(await lookup.count({})).toBe(0);
    await store.close();
  });

  it('refuses a collection name that is not a plain identifier', async () => {
    const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
    await expect(store.collection({ name: 'x"; DROP TABLE y; --', indexes: [] })).rejects.toThrow(
      /plain identifier/,
    );
    await store.close();
  });
});

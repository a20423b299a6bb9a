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

  describe('in rebuild mode', () => {
    const nameIndex = /USING INDEX "?ix:subjectLookup:nameKey\+phoneHash"?/;
    const subject = (n: number) => ({
      doc: { id: `s-${n}`, nameKey: `name ${n % 3}`, phoneHash: `p-${n}`, idNumberHash: `h-${n}` },
      position: n,
    });

    it('refills a cleared collection without its search index and builds that index once at the end', async () => {
      const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
      const lookup = await openLookup(store);
      await lookup.upsert(subject(0).doc, 0);
      await store.beginRebuild();
      await lookup.clear();
      expect(lookup.explainFind({ nameKey: 'name 1', phoneHash: 'p-1' }).join('\n')).not.toMatch(nameIndex);
      await lookup.upsertMany([1, 2, 3, 4].map(subject));
      // Opening the collection again meanwhile does not bring the index back half-way.
      await openLookup(store);
      expect(lookup.explainFind({ nameKey: 'name 1', phoneHash: 'p-1' }).join('\n')).not.toMatch(nameIndex);
      await store.endRebuild();

      expect(lookup.explainFind({ nameKey: 'name 1', phoneHash: 'p-1' }).join('\n')).toMatch(nameIndex);
      expect(await lookup.find({ nameKey: 'name 1', phoneHash: 'p-4' })).toEqual([subject(4).doc]);
      expect(await lookup.count({})).toBe(4);
      await store.close();
    });

    it('keeps unique indexes, so a duplicate still fails at the write that causes it', async () => {
      const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
      const lookup = await openLookup(store);
      await store.beginRebuild();
      await lookup.clear();
      await lookup.upsertMany([subject(1)]);
      await expect(
        lookup.upsertMany([{ doc: { ...subject(2).doc, idNumberHash: 'h-1' }, position: 2 }, subject(3)]),
      ).rejects.toThrow();
      await store.endRebuild();
      expect((await lookup.find({})).map((doc) => doc.id)).toEqual(['s-1']);
      await store.close();
    });

    it('makes the rebuilt documents durable at the end, so they survive a restart', async () => {
      const file = join(directory, 'rm.sqlite');
      const first = new SqliteReadModelStore(file);
      const lookup = await openLookup(first);
      await first.beginRebuild();
      await lookup.clear();
      await lookup.upsertMany([1, 2, 3].map(subject));
      await first.endRebuild();
      await first.saveCheckpoint('subject-lookup', 3);
      await first.close();

      const second = new SqliteReadModelStore(file);
      expect(await (await openLookup(second)).count({ nameKey: 'name 1' })).toBe(1);
      expect(await second.getCheckpoint('subject-lookup')).toBe(3);
      await second.close();
    });

    it('gets its indexes back on the next open when the process stops before the rebuild ends', async () => {
      const file = join(directory, 'rm.sqlite');
      const first = new SqliteReadModelStore(file);
      const lookup = await openLookup(first);
      await first.beginRebuild();
      await lookup.clear();
      await lookup.upsertMany([1, 2].map(subject));
      await first.close();

      const second = new SqliteReadModelStore(file);
      const reopened = await openLookup(second);
      expect(reopened.explainFind({ nameKey: 'name 1', phoneHash: 'p-1' }).join('\n')).toMatch(nameIndex);
      await second.close();
    });
  });

  it('refuses a collection name that is not a plain identifier', async () => {
    const store = new SqliteReadModelStore(join(directory, 'rm.sqlite'));
    await expect(store.collection({ name: 'x"; DROP TABLE y; --', indexes: [] })).rejects.toThrow(
      /plain identifier/,
    );
    await store.close();
  });
});

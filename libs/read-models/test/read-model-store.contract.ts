/** The one behaviour every ReadModelStore adapter must show; each adapter's spec runs it against its engine. */
import {
  DomainError,
  type CollectionDefinition,
  type ReadModelCollection,
  type ReadModelStore,
} from '@vaxledger/kernel';
import { UniqueIndexViolation } from '@vaxledger/read-models';

export interface ReadModelStoreHarness {
  open(): Promise<ReadModelStore>;
  /** Closes the store and removes whatever it created. */
  dispose(store: ReadModelStore): Promise<void>;
}

interface SubjectView {
  id: string;
  fullName: string;
  nameKey: string;
  phoneHash: string;
  idNumberHash: string;
  dateOfBirth: string;
  doses: number;
  active: boolean;
  managingFacilityId?: string | null;
  address: { provinceCode: string; districtCode?: string };
}

function subject(id: string, overrides: Partial<SubjectView> = {}): SubjectView {
  return {
    id,
    fullName: `Subject ${id}`,
    nameKey: `subject ${id}`,
    phoneHash: `phone-${id}`,
    idNumberHash: `idn-${id}`,
    dateOfBirth: '1990-01-01',
    doses: 0,
    active: true,
    managingFacilityId: 'facility-1',
    address: { provinceCode: '01', districtCode: '001' },
    ...overrides,
  };
}

const ids = (docs: Array<{ id: string }>) => docs.map((doc) => doc.id);

export function readModelStoreContract(harness: ReadModelStoreHarness): void {
  let store: ReadModelStore;
  let subjects: ReadModelCollection<SubjectView>;
  let collectionCounter = 0;
  let definition: CollectionDefinition;

  beforeAll(async () => {
    store = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose(store);
  });

  beforeEach(async () => {
    // A fresh collection per test keeps tests independent without reopening the store.
    definition = {
      name: `subjects${++collectionCounter}`,
      indexes: [
        { fields: ['nameKey', 'phoneHash'] },
        { fields: ['idNumberHash'], unique: true },
        { fields: ['address.provinceCode'] },
        { fields: ['dateOfBirth'] },
      ],
    };
    subjects = await store.collection<SubjectView>(definition);
  });

  describe('upserts guarded by event-log position', () => {
    it('returns a document after it was upserted, and null for an unknown id', async () => {
      const written = subject('s-1');
      expect(await subjects.upsert(written, 10)).toBe(true);
      expect(await subjects.get('s-1')).toEqual(written);
      expect(await subjects.get('s-unknown')).toBeNull();
    });

    it('ignores a replay at an older or equal position and reports that nothing changed', async () => {
      await subjects.upsert(subject('s-1', { doses: 2 }), 10);
      expect(await subjects.upsert(subject('s-1', { doses: 1 }), 9)).toBe(false);
      expect(await subjects.upsert(subject('s-1', { doses: 5 }), 10)).toBe(false);
      expect((await subjects.get('s-1'))?.doses).toBe(2);
    });

    it('replaces the whole document when a newer position arrives', async () => {
      await subjects.upsert(subject('s-1', { managingFacilityId: 'facility-1' }), 10);
      const { managingFacilityId: _dropped, ...withoutFacility } = subject('s-1', { doses: 3 });
      expect(await subjects.upsert(withoutFacility, 11)).toBe(true);
      const stored = await subjects.get('s-1');
      expect(stored).toEqual(withoutFacility);
      expect(stored).not.toHaveProperty('managingFacilityId');
    });

    it('applies a batch that mixes new documents, newer versions and stale replays', async () => {
      await subjects.upsert(subject('s-1', { doses: 1 }), 10);
      await subjects.upsert(subject('s-2', { doses: 1 }), 20);
      await subjects.upsertMany([
        { doc: subject('s-1', { doses: 2 }), position: 30 }, // newer: applied
        { doc: subject('s-2', { doses: 9 }), position: 15 }, // stale: ignored
        { doc: subject('s-3', { doses: 1 }), position: 31 }, // new: inserted
        { doc: subject('s-4', { doses: 1 }), position: 32 }, // same id twice: the higher position wins
        { doc: subject('s-4', { doses: 7 }), position: 33 },
        { doc: subject('s-4', { doses: 4 }), position: 32 },
      ]);
      expect((await subjects.get('s-1'))?.doses).toBe(2);
      expect((await subjects.get('s-2'))?.doses).toBe(1);
      expect((await subjects.get('s-3'))?.doses).toBe(1);
      expect((await subjects.get('s-4'))?.doses).toBe(7);
      expect(await subjects.count({})).toBe(4);
    });

    it('accepts an empty batch', async () => {
      await subjects.upsertMany([]);
      expect(await subjects.count({})).toBe(0);
    });
  });

  describe('queries', () => {
    beforeEach(async () => {
      await subjects.upsertMany([
        {
          doc: subject('s-1', {
            nameKey: 'nguyen van an',
            phoneHash: 'p-1',
            dateOfBirth: '1990-05-01',
            doses: 2,
          }),
          position: 1,
        },
        {
          doc: subject('s-2', {
            nameKey: 'nguyen van an',
            phoneHash: 'p-2',
            dateOfBirth: '1985-03-12',
            doses: 1,
          }),
          position: 2,
        },
        {
          doc: subject('s-3', {
            nameKey: 'tran thi binh',
            phoneHash: 'p-1',
            dateOfBirth: '2001-11-30',
            doses: 3,
            address: { provinceCode: '79' },
          }),
          position: 3,
        },
        {
          doc: subject('s-4', {
            nameKey: 'le van cuong',
            phoneHash: 'p-4',
            dateOfBirth: '1970-07-07',
            doses: 0,
            active: false,
            managingFacilityId: null,
            address: { provinceCode: '48' },
          }),
          position: 4,
        },
      ]);
    });

    it('finds a subject by the indexed name and phone pair', async () => {
      expect(ids(await subjects.find({ nameKey: 'nguyen van an', phoneHash: 'p-2' }))).toEqual(['s-2']);
      expect(await subjects.find({ nameKey: 'nguyen van an', phoneHash: 'p-9' })).toEqual([]);
    });

    it('finds by a dotted nested field', async () => {
      expect(ids(await subjects.find({ 'address.provinceCode': '79' }))).toEqual(['s-3']);
      expect(ids(await subjects.find({ 'address.provinceCode': '01' }, { sort: [['id', 1]] }))).toEqual([
        's-1',
        's-2',
      ]);
    });

    it('finds by a field that has no index', async () => {
      expect(ids(await subjects.find({ doses: 3 }))).toEqual(['s-3']);
      expect(ids(await subjects.find({ active: false }))).toEqual(['s-4']);
      expect(ids(await subjects.find({ active: true }, { sort: [['id', 1]] }))).toEqual([
        's-1',
        's-2',
        's-3',
      ]);
    });

    it('finds by id like any other field', async () => {
      expect(
        ids(await subjects.find({ id: { $in: ['s-3', 's-1', 's-missing'] } }, { sort: [['id', 1]] })),
      ).toEqual(['s-1', 's-3']);
    });

    it('matches a null filter on null or missing fields', async () => {
      expect(ids(await subjects.find({ managingFacilityId: null }))).toEqual(['s-4']);
      expect(ids(await subjects.find({ 'address.districtCode': null }, { sort: [['id', 1]] }))).toEqual([
        's-3',
        's-4',
      ]);
    });

    it('filters with $in on strings and numbers', async () => {
      expect(
        ids(await subjects.find({ 'address.provinceCode': { $in: ['79', '48'] } }, { sort: [['id', 1]] })),
      ).toEqual(['s-3', 's-4']);
      expect(ids(await subjects.find({ doses: { $in: [0, 3] } }, { sort: [['id', 1]] }))).toEqual([
        's-3',
        's-4',
      ]);
      expect(await subjects.find({ doses: { $in: [] } })).toEqual([]);
    });

    it('filters by ranges on dates and numbers, bounds included', async () => {
      const bornInTheEighties = await subjects.find(
        { dateOfBirth: { $gte: '1980-01-01', $lte: '1990-05-01' } },
        { sort: [['dateOfBirth', 1]] },
      );
      expect(ids(bornInTheEighties)).toEqual(['s-2', 's-1']);
      expect(ids(await subjects.find({ doses: { $gte: 2 } }, { sort: [['doses', -1]] }))).toEqual([
        's-3',
        's-1',
      ]);
      expect(ids(await subjects.find({ doses: { $lte: 1 } }, { sort: [['doses', 1]] }))).toEqual([
        's-4',
        's-2',
      ]);
    });

    it('combines equality, range and $in conditions', async () => {
      const found = await subjects.find({
        nameKey: 'nguyen van an',
        dateOfBirth: { $gte: '1989-01-01' },
        phoneHash: { $in: ['p-1', 'p-2'] },
      });
      expect(ids(found)).toEqual(['s-1']);
    });

    it('sorts by several fields in both directions and limits the result', async () => {
      const sorted = await subjects.find(
        {},
        {
          sort: [
            ['nameKey', 1],
            ['dateOfBirth', -1],
          ],
        },
      );
      expect(ids(sorted)).toEqual(['s-4', 's-1', 's-2', 's-3']);
      const youngestTwo = await subjects.find({}, { sort: [['dateOfBirth', -1]], limit: 2 });
      expect(ids(youngestTwo)).toEqual(['s-3', 's-1']);
      expect(await subjects.find({ nameKey: 'nguyen van an' }, { limit: 1 })).toHaveLength(1);
    });

    it('counts all documents and the ones matching a filter', async () => {
      expect(await subjects.count({})).toBe(4);
      expect(await subjects.count({ nameKey: 'nguyen van an' })).toBe(2);
      expect(await subjects.count({ doses: { $gte: 1, $lte: 2 } })).toBe(2);
      expect(await subjects.count({ nameKey: 'nobody' })).toBe(0);
    });

    it('refuses field names that are not plain dotted identifiers', async () => {
      await expect(subjects.find({ "nameKey') OR 1=1 --": 'x' })).rejects.toBeInstanceOf(DomainError);
      await expect(subjects.find({ $where: 'true' })).rejects.toBeInstanceOf(DomainError);
      await expect(subjects.find({}, { sort: [['doses; DROP TABLE x', 1]] })).rejects.toBeInstanceOf(
        DomainError,
      );
    });

    it('refuses operators it does not support', async () => {
      const unsupported = { doses: { $ne: 3 } } as unknown as Parameters<typeof subjects.find>[0];
      await expect(subjects.find(unsupported)).rejects.toBeInstanceOf(DomainError);
    });
  });

  describe('unique indexes', () => {
    it('surfaces a second document with the same unique value as an error and keeps the first', async () => {
      await subjects.upsert(subject('s-1', { idNumberHash: 'idn-same' }), 1);
      await expect(subjects.upsert(subject('s-2', { idNumberHash: 'idn-same' }), 2)).rejects.toBeInstanceOf(
        UniqueIndexViolation,
      );
      expect(await subjects.get('s-2')).toBeNull();
      expect((await subjects.get('s-1'))?.idNumberHash).toBe('idn-same');
    });

    it('surfaces a violation caused by updating an existing document', async () => {
      await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a' }), 1);
      await subjects.upsert(subject('s-2', { idNumberHash: 'idn-b' }), 2);
      await expect(subjects.upsert(subject('s-2', { idNumberHash: 'idn-a' }), 3)).rejects.toBeInstanceOf(
        UniqueIndexViolation,
      );
      expect((await subjects.get('s-2'))?.idNumberHash).toBe('idn-b');
    });

    it('surfaces a violation inside a batch', async () => {
      await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a' }), 1);
      await expect(
        subjects.upsertMany([{ doc: subject('s-2', { idNumberHash: 'idn-a' }), position: 2 }]),
      ).rejects.toBeInstanceOf(UniqueIndexViolation);
      expect(await subjects.get('s-2')).toBeNull();
    });

    it('does not mistake a stale replay of the same document for a violation', async () => {
      await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a', doses: 2 }), 5);
      expect(await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a', doses: 1 }), 4)).toBe(false);
      await subjects.upsertMany([{ doc: subject('s-1', { idNumberHash: 'idn-a', doses: 1 }), position: 5 }]);
      expect(await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a', doses: 3 }), 6)).toBe(true);
      expect((await subjects.get('s-1'))?.doses).toBe(3);
    });

    it('frees a unique value once its document is deleted', async () => {
      await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a' }), 1);
      await subjects.delete('s-1', 2);
      expect(await subjects.upsert(subject('s-2', { idNumberHash: 'idn-a' }), 3)).toBe(true);
    });
  });

  describe('deletes and clearing', () => {
    it('deletes only when the delete comes after the stored position', async () => {
      await subjects.upsert(subject('s-1'), 10);
      await subjects.delete('s-1', 9);
      await subjects.delete('s-1', 10);
      expect(await subjects.get('s-1')).not.toBeNull();
      await subjects.delete('s-1', 11);
      expect(await subjects.get('s-1')).toBeNull();
      await subjects.delete('s-never', 12);
    });

    it('clears every document and keeps the indexes working for the rebuild', async () => {
      await subjects.upsertMany([
        { doc: subject('s-1', { idNumberHash: 'idn-a' }), position: 1 },
        { doc: subject('s-2'), position: 2 },
      ]);
      await subjects.clear();
      expect(await subjects.count({})).toBe(0);
      expect(await subjects.get('s-1')).toBeNull();
      // A rebuild starts over from position 0, so low positions must be accepted again.
      expect(await subjects.upsert(subject('s-1', { idNumberHash: 'idn-a' }), 1)).toBe(true);
      await expect(subjects.upsert(subject('s-3', { idNumberHash: 'idn-a' }), 2)).rejects.toBeInstanceOf(
        UniqueIndexViolation,
      );
    });

    it('keeps the data when the same collection is opened again', async () => {
      await subjects.upsert(subject('s-1'), 1);
      const reopened = await store.collection<SubjectView>(definition);
      expect(await reopened.get('s-1')).toEqual(subject('s-1'));
    });

    it('keeps collections apart', async () => {
      const plans = await store.collection<{ id: string; facilityId: string }>({
        name: `plans${collectionCounter}`,
        indexes: [{ fields: ['facilityId'] }],
      });
      await plans.upsert({ id: 's-1', facilityId: 'f-1' }, 1);
      expect(await subjects.get('s-1')).toBeNull();
      expect(await plans.count({})).toBe(1);
    });
  });

  describe('checkpoints', () => {
    it('remembers the last applied position per projection until it is reset', async () => {
      const lookup = `subject-lookup-${collectionCounter}`;
      const coverage = `coverage-${collectionCounter}`;
      expect(await store.getCheckpoint(lookup)).toBeNull();
      await store.saveCheckpoint(lookup, 0);
      expect(await store.getCheckpoint(lookup)).toBe(0);
      await store.saveCheckpoint(lookup, 1_234_567);
      await store.saveCheckpoint(coverage, 42);
      expect(await store.getCheckpoint(lookup)).toBe(1_234_567);
      expect(await store.getCheckpoint(coverage)).toBe(42);
      await store.resetCheckpoint(lookup);
      expect(await store.getCheckpoint(lookup)).toBeNull();
      expect(await store.getCheckpoint(coverage)).toBe(42);
    });

    it('keeps positions beyond 32 bits exact', async () => {
      const projection = `large-${collectionCounter}`;
      await store.saveCheckpoint(projection, 2 ** 40 + 3);
      expect(await store.getCheckpoint(projection)).toBe(2 ** 40 + 3);
    });
  });

  it('answers the readiness probe', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}

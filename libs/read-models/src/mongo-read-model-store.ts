/**
 * Distributed ReadModelStore on MongoDB through mongoose's connection and the native driver collections.
 * It is written to also run on FerretDB v1 (SQLite backend), which the contract suite uses: no transactions,
 * no TTL/partial/sparse indexes, no findAndModify with projection. Notes mark where MongoDB would allow more.
 */
import mongoose, { type Connection } from 'mongoose';
import {
  validationError,
  type CollectionDefinition,
  type FieldFilter,
  type FindOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
} from '@vaxledger/kernel';
import { parseFilter, parseLimit, parseSort, type FilterCondition } from './field-filter';
import { assertCollectionName, assertFieldPath, assertPosition } from './identifiers';
import { UniqueIndexViolation } from './unique-index-violation';

type StoredDocument = { _id: string; _position: number } & Record<string, unknown>;

export interface MongoReadModelStoreOptions {
  /** Database of the owning service; overrides the one in the URL. Each service has its own. */
  dbName?: string;
}

const CHECKPOINTS = '_checkpoints';
const DUPLICATE_KEY = 11000;

export class MongoReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, MongoReadModelCollection<ReadModelDocument>>();

  private constructor(private readonly connection: Connection) {}

  /** @param url e.g. `mongodb://127.0.0.1:27017/vx_registry`; the database comes from the path or `options.dbName`. */
  static async connect(url: string, options: MongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> {
    const dbName = options.dbName ?? databaseNameFromUrl(url);
    if (!dbName) {
      throw validationError(
        'READ_MODEL.NO_DATABASE',
        'Mongo read-model URL names no database and no dbName was given',
      );
    }
    const connection = await mongoose
      .createConnection(url, { dbName, autoIndex: false, autoCreate: false })
      .asPromise();
    return new MongoReadModelStore(connection);
  }

  async collection<T extends ReadModelDocument>(
    definition: CollectionDefinition,
  ): Promise<ReadModelCollection<T>> {
    assertCollectionName(definition.name);
    let collection = this.collections.get(definition.name);
    if (!collection) {
      collection = new MongoReadModelCollection(
        definition.name,
        this.db.collection<StoredDocument>(definition.name),
      );
      this.collections.set(definition.name, collection);
    }
    await collection.ensureIndexes(definition.indexes);
    return collection as unknown as MongoReadModelCollection<T>;
  }

  async getCheckpoint(projection: string): Promise<number | null> {
    const checkpoint = await this.checkpoints.findOne({ _id: projection });
    return checkpoint ? Number(checkpoint.position) : null;
  }

  async saveCheckpoint(projection: string, position: number): Promise<void> {
    assertPosition(position);
    await this.checkpoints.updateOne({ _id: projection }, { $set: { position } }, { upsert: true });
  }

  async resetCheckpoint(projection: string): Promise<void> {
    await this.checkpoints.deleteOne({ _id: projection });
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Drops the whole database of this store: for tests and for tearing down a throwaway environment. */
  async dropDatabase(): Promise<void> {
    await this.db.dropDatabase();
  }

  private get db() {
    const db = this.connection.db;
    if (!db) throw new Error('Mongo read-model connection is not open');
    return db;
  }

  private get checkpoints() {
    return this.db.collection<{ _id: string; position: number }>(CHECKPOINTS);
  }
}

export class MongoReadModelCollection<T extends ReadModelDocument> implements ReadModelCollection<T> {
  constructor(
    private readonly name: string,
    private readonly stored: mongoose.mongo.Collection<StoredDocument>,
  ) {}

  async ensureIndexes(indexes: CollectionDefinition['indexes']): Promise<void> {
    for (const { fields, unique } of indexes) {
      if (fields.length === 0) continue;
      fields.forEach(assertFieldPath);
      if (fields.length === 1 && fields[0] === 'id') continue;
      // Unique indexes here treat a missing field as null, so every document must carry its unique fields.
      // MongoDB could relax that with partialFilterExpression; FerretDB v1 has no partial or sparse indexes.
      await this.stored.createIndex(Object.fromEntries(fields.map((field) => [storedField(field), 1])), {
        unique: unique === true,
        name: `${unique ? 'ux' : 'ix'}_${fields.join('+')}`,
      });
    }
  }

  async upsert(doc: T, position: number): Promise<boolean> {
    assertPosition(position);
    // A stale replay makes the guarded filter miss, so the upsert tries to insert a second `_id` and fails with a
    // duplicate key: that is "skipped, the stored version is newer", not an error. A unique index on another
    // field fails the same way, so the stored position tells the two apart.
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.stored.replaceOne(
          guardFilter(doc.id, position),
          storedForm(doc, position),
          {
            upsert: true,
          },
        );
        return result.matchedCount + result.upsertedCount > 0;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const verdict = await this.explainDuplicate(doc.id, position);
        if (verdict === 'stale') return false;
        // 'maybe-raced': a concurrent writer inserted this id between our filter and our insert; one retry
        // takes the update path, after which a duplicate key can only come from another unique index.
        if (verdict === 'unique-violation' || attempt >= 2)
          throw new UniqueIndexViolation(this.name, doc.id, error);
      }
    }
  }

  async upsertMany(items: Array<{ doc: T; position: number }>): Promise<void> {
    if (items.length === 0) return;
    items.forEach(({ position }) => assertPosition(position));
    try {
      // Unordered so that, on MongoDB, one stale item does not stop the rest.
      await this.stored.bulkWrite(
        items.map(({ doc, position }) => ({
          replaceOne: {
            filter: guardFilter(doc.id, position),
            replacement: storedForm(doc, position),
            upsert: true,
          },
        })),
        { ordered: false },
      );
      return;
    } catch (error) {
      if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (!writeErrors.every((writeError) => isDuplicateKey(writeError))) throw error;
    }
    // Some item hit a duplicate key: a stale replay or a real unique violation. FerretDB v1 stops at the first
    // failing item even when unordered and reports the wrong index, so the failed items cannot be picked out.
    // Every item is idempotent, so the batch is simply applied again one by one; the single upsert tells a stale
    // replay from a violation. (On MongoDB the writeErrors indexes would allow re-running only those items.)
    // Without transactions the batch is not atomic: items that can be applied are, and the first violation is
    // reported afterwards; the caller saves its checkpoint only after success, so a retry converges.
    let firstViolation: unknown;
    for (const { doc, position } of items) {
      try {
        await this.upsert(doc, position);
      } catch (error) {
        if (!(error instanceof UniqueIndexViolation)) throw error;
        firstViolation ??= error;
      }
    }
    if (firstViolation !== undefined) throw firstViolation;
  }

  async get(id: string): Promise<T | null> {
    const stored = await this.stored.findOne({ _id: id });
    return stored ? documentForm<T>(stored) : null;
  }

  async find(filter: FieldFilter, options?: FindOptions): Promise<T[]> {
    const sort = parseSort(options);
    const limit = parseLimit(options);
    let cursor = this.stored.find(mongoFilter(filter));
    if (sort.length > 0)
      cursor = cursor.sort(
        sort.map(([field, direction]): [string, 1 | -1] => [storedField(field), direction]),
      );
    if (limit !== undefined) cursor = cursor.limit(limit);
    return (await cursor.toArray()).map((stored) => documentForm<T>(stored));
  }

  async count(filter: FieldFilter): Promise<number> {
    return this.stored.countDocuments(mongoFilter(filter));
  }

  async delete(id: string, position: number): Promise<void> {
    assertPosition(position);
    await this.stored.deleteOne({ _id: id, _position: { $lt: position } });
  }

  async clear(): Promise<void> {
    await this.stored.deleteMany({});
  }

  private async explainDuplicate(
    id: string,
    position: number,
  ): Promise<'stale' | 'maybe-raced' | 'unique-violation'> {
    const existing = await this.stored.findOne({ _id: id }, { projection: { _position: 1 } });
    if (!existing) return 'unique-violation';
    return Number(existing._position) >= position ? 'stale' : 'maybe-raced';
  }
}

function guardFilter(id: string, position: number) {
  return { _id: id, _position: { $lt: position } };
}

function storedForm(doc: ReadModelDocument, position: number): StoredDocument {
  const { id, ...fields } = doc as ReadModelDocument & Record<string, unknown>;
  return { _id: id, _position: position, ...fields };
}

function documentForm<T extends ReadModelDocument>(stored: StoredDocument): T {
  const { _id, _position: _ignored, ...fields } = stored;
  return { id: _id, ...fields } as unknown as T;
}

function storedField(field: string): string {
  return field === 'id' ? '_id' : field;
}

function mongoFilter(filter: FieldFilter): Record<string, unknown> {
  const query: Record<string, Record<string, unknown> | unknown> = {};
  for (const condition of parseFilter(filter)) {
    const field = storedField(condition.field);
    const operators = (query[field] ??= {}) as Record<string, unknown>;
    Object.assign(operators, operatorFor(condition));
  }
  return query;
}

function operatorFor(condition: FilterCondition): Record<string, unknown> {
  switch (condition.operator) {
    case 'eq':
      return { $eq: condition.value };
    case 'isNull':
      // Matches null and missing, like json_extract(...) IS NULL in the SQLite adapter.
      return { $eq: null };
    case 'gte':
      return { $gte: condition.value };
    case 'lte':
      return { $lte: condition.value };
    case 'in':
      return { $in: condition.values };
  }
}

function isDuplicateKey(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, errmsg } = error as { code?: unknown; message?: unknown; errmsg?: unknown };
  if (code === DUPLICATE_KEY) return true;
  // FerretDB v1 on SQLite reports an update that breaks a unique index as InternalError (code 1) carrying
  // SQLite's own message instead of E11000.
  const text = typeof message === 'string' ? message : typeof errmsg === 'string' ? errmsg : '';
  return code === 1 && /UNIQUE constraint failed/.test(text);
}

/** The path of `mongodb://host:port,host2:port/<db>?options`; multi-host URLs are not valid WHATWG URLs. */
function databaseNameFromUrl(url: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(url);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name === '' ? null : name;
}

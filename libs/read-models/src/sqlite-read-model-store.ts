/** Standalone ReadModelStore: one SQLite table per collection, documents as JSON, indexes over json_extract. */
import Database from 'better-sqlite3';
import type {
  CollectionDefinition,
  FieldFilter,
  FindOptions,
  ReadModelCollection,
  ReadModelDocument,
  ReadModelStore,
} from '@vaxledger/kernel';
import { parseFilter, parseLimit, parseSort, type FilterCondition } from './field-filter';
import { assertCollectionName, assertFieldPath, assertPosition } from './identifiers';
import { UniqueIndexViolation } from './unique-index-violation';

export interface SqliteReadModelStoreOptions {
  /** SQLite page cache per connection; the OS page cache does the rest. */
  cacheSizeMiB?: number;
  /** Memory-mapped reads (0 disables); counts against resident memory, so keep it within the process budget. */
  mmapSizeMiB?: number;
}

const CHECKPOINTS = 'read_model_checkpoints';
/** Bounds the per-shape statement cache; real projections and queries use a few dozen shapes at most. */
const MAX_CACHED_SHAPES = 256;

export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, SqliteReadModelCollection<ReadModelDocument>>();
  private readonly getCheckpointStatement: Database.Statement<[string], number>;
  private readonly saveCheckpointStatement: Database.Statement<[string, number]>;
  private readonly resetCheckpointStatement: Database.Statement<[string]>;

  /** @param filename database file (created when missing), or `:memory:` */
  constructor(filename: string, options: SqliteReadModelStoreOptions = {}) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // NORMAL (not FULL): after a power loss the last few commits may be gone, but the file is never corrupt.
    // That is acceptable here because read models are rebuildable from the event log, and each projection's
    // checkpoint lives in this same file, so it rolls back together with the documents and the projection
    // simply re-applies the lost tail. The event store, which is the record, stays on FULL.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma(`cache_size = ${-1024 * (options.cacheSizeMiB ?? 64)}`);
    this.db.pragma(`mmap_size = ${1024 * 1024 * (options.mmapSizeMiB ?? 256)}`);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (projection TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`,
    );
    this.getCheckpointStatement = this.db
      .prepare<[string], number>(`SELECT position FROM ${CHECKPOINTS} WHERE projection = ?`)
      .pluck();
    this.saveCheckpointStatement = this.db.prepare(
      `INSERT INTO ${CHECKPOINTS} (projection, position) VALUES (?, ?)
       ON CONFLICT(projection) DO UPDATE SET position = excluded.position`,
    );
    this.resetCheckpointStatement = this.db.prepare(`DELETE FROM ${CHECKPOINTS} WHERE projection = ?`);
  }

  async collection<T extends ReadModelDocument>(
    definition: CollectionDefinition,
  ): Promise<ReadModelCollection<T>> {
    let collection = this.collections.get(definition.name);
    if (!collection) {
      collection = new SqliteReadModelCollection(this.db, definition.name);
      this.collections.set(definition.name, collection);
    }
    collection.ensureIndexes(definition.indexes);
    return collection as unknown as SqliteReadModelCollection<T>;
  }

  async getCheckpoint(projection: string): Promise<number | null> {
    return this.getCheckpointStatement.get(projection) ?? null;
  }

  async saveCheckpoint(projection: string, position: number): Promise<void> {
    assertPosition(position);
    this.saveCheckpointStatement.run(projection, position);
  }

  async resetCheckpoint(projection: string): Promise<void> {
    this.resetCheckpointStatement.run(projection);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

interface QueryShape {
  sql: string;
  parameters: unknown[];
}

export class SqliteReadModelCollection<T extends ReadModelDocument> implements ReadModelCollection<T> {
  private readonly table: string;
  private readonly getStatement: Database.Statement<[string], string>;
  private readonly upsertStatement: Database.Statement<[string, number, string]>;
  private readonly deleteStatement: Database.Statement<[string, number]>;
  private readonly clearStatement: Database.Statement<[]>;
  private readonly upsertAll: (items: Array<{ doc: T; position: number }>) => void;
  /** Prepared statements keyed by query shape (fields, operators, sort, limit present) — never by values. */
  private readonly statementsByShape = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
  ) {
    assertCollectionName(name);
    this.table = `"rm_${name}"`;
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL)`,
    );
    this.getStatement = db.prepare<[string], string>(`SELECT doc FROM ${this.table} WHERE id = ?`).pluck();
    // The WHERE on DO UPDATE is the idempotency guard: a replayed or out-of-order event never overwrites newer state.
    this.upsertStatement = db.prepare(
      `INSERT INTO ${this.table} (id, position, doc) VALUES (?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET position = excluded.position, doc = excluded.doc
       WHERE excluded.position > ${this.table}.position`,
    );
    this.deleteStatement = db.prepare(`DELETE FROM ${this.table} WHERE id = ? AND position < ?`);
    this.clearStatement = db.prepare(`DELETE FROM ${this.table}`);
    this.upsertAll = db.transaction((items: Array<{ doc: T; position: number }>) => {
      for (const { doc, position } of items) this.write(doc, position);
    });
  }

  ensureIndexes(indexes: CollectionDefinition['indexes']): void {
    for (const { fields, unique } of indexes) {
      if (fields.length === 0) continue;
      fields.forEach(assertFieldPath);
      // The primary key already covers a lookup by id alone.
      if (fields.length === 1 && fields[0] === 'id') continue;
      const indexName = `"${unique ? 'ux' : 'ix'}:${this.name}:${fields.join('+')}"`;
      this.db.exec(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${indexName} ON ${this.table} (${fields.map(fieldExpression).join(', ')})`,
      );
    }
  }

  async upsert(doc: T, position: number): Promise<boolean> {
    return this.write(doc, position);
  }

  async upsertMany(items: Array<{ doc: T; position: number }>): Promise<void> {
    if (items.length === 0) return;
    this.upsertAll(items);
  }

  async get(id: string): Promise<T | null> {
    const json = this.getStatement.get(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async find(filter: FieldFilter, options?: FindOptions): Promise<T[]> {
    const { sql, parameters } = this.selectQuery('doc', filter, options);
    const rows = this.statementFor(sql)
      .pluck()
      .all(...parameters) as string[];
    return rows.map((json) => JSON.parse(json) as T);
  }

  async count(filter: FieldFilter): Promise<number> {
    const { sql, parameters } = this.selectQuery('count(*)', filter, undefined);
    return this.statementFor(sql)
      .pluck()
      .get(...parameters) as number;
  }

  async delete(id: string, position: number): Promise<void> {
    assertPosition(position);
    this.deleteStatement.run(id, position);
  }

  async clear(): Promise<void> {
    this.clearStatement.run();
  }

  /** EXPLAIN QUERY PLAN of the statement `find` would run: lets tests and operators check that an index is used. */
  explainFind(filter: FieldFilter, options?: FindOptions): string[] {
    const { sql, parameters } = this.selectQuery('doc', filter, options);
    const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>;
    return plan.map((step) => step.detail);
  }

  private write(doc: T, position: number): boolean {
    assertPosition(position);
    try {
      return this.upsertStatement.run(doc.id, position, JSON.stringify(doc)).changes > 0;
    } catch (error) {
      if (isUniqueConstraintError(error)) throw new UniqueIndexViolation(this.name, doc.id, error);
      throw error;
    }
  }

  private selectQuery(columns: string, filter: FieldFilter, options: FindOptions | undefined): QueryShape {
    const conditions = parseFilter(filter);
    const sort = parseSort(options);
    const limit = parseLimit(options);
    const parameters: unknown[] = [];
    const where = conditions.map((condition) => conditionSql(condition, parameters));
    let sql = `SELECT ${columns} FROM ${this.table}`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    if (sort.length > 0) {
      sql += ` ORDER BY ${sort.map(([field, direction]) => `${fieldExpression(field)} ${direction === 1 ? 'ASC' : 'DESC'}`).join(', ')}`;
    }
    if (limit !== undefined) {
      sql += ' LIMIT ?';
      parameters.push(limit);
    }
    return { sql, parameters };
  }

  /** The SQL text is fully determined by the query shape, so it doubles as the cache key. */
  private statementFor(sql: string): Database.Statement {
    let statement = this.statementsByShape.get(sql);
    if (!statement) {
      if (this.statementsByShape.size >= MAX_CACHED_SHAPES) {
        const oldest = this.statementsByShape.keys().next().value as string;
        this.statementsByShape.delete(oldest);
      }
      statement = this.db.prepare(sql);
      this.statementsByShape.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Every reference to a document field goes through this one spelling, because SQLite uses an expression index
 * only when the query repeats the indexed expression exactly. `id` is the primary-key column itself.
 */
function fieldExpression(field: string): string {
  return field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

function conditionSql(condition: FilterCondition, parameters: unknown[]): string {
  const expression = fieldExpression(condition.field);
  switch (condition.operator) {
    case 'eq':
      // json_extract yields 1/0 for JSON true/false, so booleans compare as integers.
      parameters.push(typeof condition.value === 'boolean' ? Number(condition.value) : condition.value);
      return `${expression} = ?`;
    case 'isNull':
      return `${expression} IS NULL`;
    case 'gte':
      parameters.push(condition.value);
      return `${expression} >= ?`;
    case 'lte':
      parameters.push(condition.value);
      return `${expression} <= ?`;
    case 'in':
      // One statement for any list length: the list travels as a JSON array and the index is still used.
      parameters.push(JSON.stringify(condition.values));
      return `${expression} IN (SELECT value FROM json_each(?))`;
  }
}

function isUniqueConstraintError(error: unknown): boolean {
  // By code, not `instanceof SqliteError`: the class differs between module instances (jest, bundlers).
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

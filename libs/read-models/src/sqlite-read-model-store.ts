/** Standalone ReadModelStore: one SQLite table per collection, documents as JSON, indexes over json_extract. */
import Database from 'better-sqlite3';
import { backstopAutocheckpointPages, WalCheckpointer } from '@vaxledger/sqlite-durability';
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
  /**
   * Memory-mapped reads (0 disables), default 64 MiB. Touched pages count as resident memory, and the
   * standalone process holds four of these stores within its 1 GiB budget (see docs/performance.md#memory).
   */
  mmapSizeMiB?: number;
  /**
   * Page cache while in rebuild mode (default 256 MiB): it holds a rebuild transaction's dirty pages and the
   * rebuilt tables' id indexes, which take one random insert per document. It also bounds the memory of the
   * index sorts at the end when `rebuildTempStore` is `file`.
   */
  rebuildCacheSizeMiB?: number;
  /**
   * Where a rebuild's index sorts put what does not fit the page cache (default `file`: temporary files, so
   * memory stays bounded by the cache whatever the number of documents). `memory` sorts in RAM: a little
   * faster, but the sort of one index over 10 million documents alone took more than a GiB.
   */
  rebuildTempStore?: 'file' | 'memory';
  /** Documents per commit during a rebuild (default 200,000): their dirty pages must fit the rebuild cache. */
  rebuildCommitEvery?: number;
}

/** The rebuild settings of the CLI (`projections rebuild`), with the safe defaults of SqliteReadModelStore. */
export const defaultRebuildSettings = { rebuildCacheSizeMiB: 256, rebuildTempStore: 'file', rebuildCommitEvery: 200_000 } as const;

/** State every collection of one store shares: whether the store is in rebuild mode, and its open transaction. */
interface StoreMode {
  rebuilding: boolean;
  /** Documents written in the current rebuild transaction. */
  uncommitted: number;
  /** Documents per rebuild commit. */
  commitEvery: number;
}

const CHECKPOINTS = 'read_model_checkpoints';
/** Bounds the per-shape statement cache; real projections and queries use a few dozen shapes at most. */
const MAX_CACHED_SHAPES = 256;
/**
 * The process's checkpointer thread folds the log into the database file (with its fsyncs) every second; a
 * commit does it itself only past this backstop (64 MiB of 4 KiB pages), when that thread falls behind.
 */
const DEFAULT_WAL_AUTOCHECKPOINT_PAGES = backstopAutocheckpointPages;
/** During a rebuild, every ~256 MiB of 4 KiB pages. */
const REBUILD_WAL_AUTOCHECKPOINT_PAGES = 65536;

export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, SqliteReadModelCollection<ReadModelDocument>>();
  private readonly mode: StoreMode;
  private readonly getCheckpointStatement: Database.Statement<[string], number>;
  private readonly saveCheckpointStatement: Database.Statement<[string, number]>;
  private readonly resetCheckpointStatement: Database.Statement<[string]>;
  private readonly stopCheckpoints: () => void;

  /** @param filename database file (created when missing), or `:memory:` */
  constructor(
    filename: string,
    private readonly options: SqliteReadModelStoreOptions = {},
  ) {
    this.mode = {
      rebuilding: false,
      uncommitted: 0,
      commitEvery: options.rebuildCommitEvery ?? defaultRebuildSettings.rebuildCommitEvery,
    };
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // NORMAL (not FULL): after a power loss the last few commits may be gone, but the file is never corrupt.
    // That is acceptable here because read models are rebuildable from the event log, and each projection's
    // checkpoint lives in this same file, so it rolls back together with the documents and the projection
    // simply re-applies the lost tail. The event store, which is the record, fsyncs before it acknowledges.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma(`cache_size = ${-1024 * (options.cacheSizeMiB ?? 64)}`);
    this.db.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT_PAGES}`);
    this.db.pragma(`mmap_size = ${1024 * 1024 * (options.mmapSizeMiB ?? 64)}`);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (projection TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`,
    );
    this.stopCheckpoints = WalCheckpointer.shared().watch(filename);
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
      collection = new SqliteReadModelCollection(this.db, definition.name, this.mode);
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

  /**
   * Rebuild mode. What was committed before is made durable first (a reset checkpoint must not come back after
   * a crash). Then commits stop syncing until a checkpoint of a quarter GiB of log, so the rebuild pays a few
   * fsyncs instead of one per batch, and the page cache grows so the rebuilt tables stay in memory. Cleared
   * collections drop their non-unique indexes (see `clear`) until `endRebuild`.
   */
  async beginRebuild(): Promise<void> {
    if (this.mode.rebuilding) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma(`cache_size = ${-1024 * (this.options.rebuildCacheSizeMiB ?? defaultRebuildSettings.rebuildCacheSizeMiB)}`);
    this.db.pragma(`temp_store = ${(this.options.rebuildTempStore ?? defaultRebuildSettings.rebuildTempStore) === 'memory' ? 'MEMORY' : 'FILE'}`);
    this.db.pragma(`wal_autocheckpoint = ${REBUILD_WAL_AUTOCHECKPOINT_PAGES}`);
    this.mode.rebuilding = true;
    this.mode.uncommitted = 0;
    // One transaction spans many batches (each batch becomes a savepoint in it), committed every
    // `rebuildCommitEvery` documents: a commit writes every page it dirtied to the log, and random inserts
    // dirty most index pages, so committing each batch would write the same pages again and again.
    this.db.exec('BEGIN');
  }

  /**
   * Recreates the indexes dropped since `beginRebuild` (one sort each instead of a random insert per document),
   * checkpoints the log into the database file with its fsyncs, and restores the everyday settings.
   */
  async endRebuild(): Promise<void> {
    if (!this.mode.rebuilding) return;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
      for (const collection of this.collections.values()) collection.restoreIndexes();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.mode.rebuilding = false;
      this.db.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT_PAGES}`);
      this.db.pragma(`cache_size = ${-1024 * (this.options.cacheSizeMiB ?? 64)}`);
      this.db.pragma('temp_store = MEMORY');
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.stopCheckpoints();
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
  /** Every index definition asked for, so that indexes dropped for a rebuild can be recreated at its end. */
  private readonly requestedIndexes = new Map<string, { fields: string[]; unique?: boolean }>();
  /** `CREATE INDEX` statements of the indexes dropped by a clear in rebuild mode. */
  private droppedIndexes: string[] = [];
  private clearedWhileRebuilding = false;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    private readonly mode: StoreMode = { rebuilding: false, uncommitted: 0, commitEvery: defaultRebuildSettings.rebuildCommitEvery },
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
      this.requestedIndexes.set(`${unique ? 'ux' : 'ix'}:${fields.join('+')}`, { fields, unique });
      // Created by `restoreIndexes` once the rebuild has filled the collection.
      if (!unique && this.clearedWhileRebuilding) continue;
      const indexName = `"${unique ? 'ux' : 'ix'}:${this.name}:${fields.join('+')}"`;
      this.db.exec(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${indexName} ON ${this.table} (${fields.map(fieldExpression).join(', ')})`,
      );
    }
  }

  async upsert(doc: T, position: number): Promise<boolean> {
    const written = this.write(doc, position);
    if (this.mode.rebuilding) this.countRebuildWrites(1);
    return written;
  }

  async upsertMany(items: Array<{ doc: T; position: number }>): Promise<void> {
    if (items.length === 0) return;
    this.upsertAll(items);
    if (this.mode.rebuilding) this.countRebuildWrites(items.length);
  }

  /** Commits the rebuild transaction every `commitEvery` documents and opens the next one. */
  private countRebuildWrites(count: number): void {
    this.mode.uncommitted += count;
    if (this.mode.uncommitted < this.mode.commitEvery || !this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
    this.mode.uncommitted = 0;
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

  /**
   * In rebuild mode the non-unique indexes are dropped first and recreated by `restoreIndexes`: refilling them
   * one random insert at a time is most of a rebuild's cost. Unique indexes stay, so a violation still
   * surfaces at the write that causes it. If the process dies before `restoreIndexes`, opening the collection
   * again recreates them (`ensureIndexes`).
   */
  async clear(): Promise<void> {
    if (this.mode.rebuilding) {
      const indexes = this.db
        .prepare<[string], { name: string; sql: string }>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
           AND sql NOT LIKE 'CREATE UNIQUE%'`,
        )
        .all(this.table.slice(1, -1));
      for (const { name, sql } of indexes) {
        this.db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
        this.droppedIndexes.push(sql);
      }
      this.clearedWhileRebuilding = true;
    }
    this.clearStatement.run();
  }

  /** Recreates what a clear in rebuild mode dropped, plus any index asked for meanwhile. */
  restoreIndexes(): void {
    if (!this.clearedWhileRebuilding) return;
    const dropped = this.droppedIndexes;
    this.droppedIndexes = [];
    this.clearedWhileRebuilding = false;
    for (const sql of dropped) this.db.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
    this.ensureIndexes([...this.requestedIndexes.values()]);
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

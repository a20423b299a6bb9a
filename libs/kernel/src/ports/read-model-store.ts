/**
 * Generic read-model storage for projections. Adapters: SqliteReadModelStore (standalone),
 * MongoReadModelStore (distributed). Each document carries the event-log position that last wrote it, so
 * replays are idempotent: a write with a position at or below the stored one is ignored.
 */
export interface ReadModelDocument {
  id: string;
}

export interface CollectionDefinition {
  name: string;
  /** Fields (dotted paths allowed) to index, each entry one index; `unique` per index. */
  indexes: Array<{ fields: string[]; unique?: boolean }>;
}

export type FieldFilter = Record<string, string | number | boolean | null | { $gte?: string | number; $lte?: string | number; $in?: Array<string | number> }>;

export interface FindOptions {
  limit?: number;
  sort?: Array<[field: string, direction: 1 | -1]>;
}

export interface ReadModelCollection<T extends ReadModelDocument> {
  /** Inserts or replaces the document unless the stored one was written at a position ≥ `position`. */
  upsert(doc: T, position: number): Promise<boolean>;
  /** Applies several upserts (same guard) in one round trip / transaction. */
  upsertMany(items: Array<{ doc: T; position: number }>): Promise<void>;
  get(id: string): Promise<T | null>;
  find(filter: FieldFilter, options?: FindOptions): Promise<T[]>;
  count(filter: FieldFilter): Promise<number>;
  delete(id: string, position: number): Promise<void>;
  /** Removes every document (used before a rebuild). */
  clear(): Promise<void>;
}

export interface ReadModelStore {
  collection<T extends ReadModelDocument>(definition: CollectionDefinition): Promise<ReadModelCollection<T>>;
  /** Last position a projection has applied, or null when it has applied nothing. */
  getCheckpoint(projection: string): Promise<number | null>;
  saveCheckpoint(projection: string, position: number): Promise<void>;
  resetCheckpoint(projection: string): Promise<void>;
  /**
   * Optional bulk mode for `projections rebuild`, with nothing else reading or writing meanwhile. Until
   * `endRebuild`, a collection that is cleared may drop its non-unique indexes and writes may skip syncing to
   * disk; `endRebuild` rebuilds those indexes and makes everything durable. Reset the rebuilt projections'
   * checkpoints before and save them only after `endRebuild`, so that a crash in between leaves them needing
   * a rebuild instead of half built.
   */
  beginRebuild?(): Promise<void>;
  endRebuild?(): Promise<void>;
  /** Readiness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Standalone TrailStore: a dedicated SQLite file (`<data dir>/audit/trail.db`), apart from the audit read
 * models, so rebuilding or deleting read models never touches the record. Triggers refuse UPDATE, and DELETE
 * outside a signed retention boundary — a guard against mistakes, not against someone with the file: that is
 * what the hash chain and the signed checkpoints are for.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { backstopAutocheckpointPages, WalCheckpointer, WalFsync } from '@vaxledger/sqlite-durability';
import type { CanonicalValue } from '../domain/canonical-json';
import { canonicalize } from '../domain/canonical-json';
import type { SignedCheckpoint } from '../domain/signed-checkpoint';
import type { TrailEntry } from '../domain/trail-entry';
import { type ParkedMessage, type TrailRange, type TrailStore, TrailWriteConflict } from './trail-store';

interface EntryRow {
  sequence: number;
  event_id: string;
  received_at: string;
  topic: string;
  type: string;
  source: string;
  occurred_at: string;
  partition_key: string;
  correlation_id: string | null;
  actor_account_id: string | null;
  actor_facility_id: string | null;
  actor_province_code: string | null;
  subject_ids: string;
  province_code: string | null;
  facility_id: string | null;
  payload: string;
  masked_fields: string;
  prev_hash: string;
  hash: string;
}

interface CheckpointRow {
  kind: SignedCheckpoint['kind'];
  sequence: number;
  hash: string;
  at: string;
  signature: string;
  key_id: string;
}

interface ParkedRow {
  event_id: string;
  topic: string;
  type: string;
  parked_at: string;
  error: string;
  message: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS trail (
  sequence INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  topic TEXT NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  partition_key TEXT NOT NULL,
  correlation_id TEXT,
  actor_account_id TEXT,
  actor_facility_id TEXT,
  actor_province_code TEXT,
  subject_ids TEXT NOT NULL,
  province_code TEXT,
  facility_id TEXT,
  payload TEXT NOT NULL,
  masked_fields TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trail_received_at ON trail (received_at);
CREATE TABLE IF NOT EXISTS checkpoints (
  kind TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  PRIMARY KEY (kind, sequence)
);
CREATE INDEX IF NOT EXISTS checkpoints_sequence ON checkpoints (sequence);
CREATE TABLE IF NOT EXISTS parked (
  event_id TEXT PRIMARY KEY,
  topic TEXT NOT NULL,
  type TEXT NOT NULL,
  parked_at TEXT NOT NULL,
  error TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS trail_is_append_only BEFORE UPDATE ON trail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS trail_deletes_only_behind_retention BEFORE DELETE ON trail
WHEN OLD.sequence > COALESCE((SELECT MAX(sequence) FROM checkpoints WHERE kind = 'retention'), 0)
BEGIN SELECT RAISE(ABORT, 'audit trail entries are removed only behind a signed retention checkpoint'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_are_append_only_on_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER IF NOT EXISTS checkpoints_are_append_only_on_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
`;

const entryColumns =
  'sequence, event_id, received_at, topic, type, source, occurred_at, partition_key, correlation_id, actor_account_id, actor_facility_id, actor_province_code, subject_ids, province_code, facility_id, payload, masked_fields, prev_hash, hash';

export class SqliteTrailStore implements TrailStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertAll: (entries: TrailEntry[]) => void;
  private readonly durability: WalFsync;
  private readonly stopCheckpoints: () => void;

  /** @param filename the trail file (created with its folder when missing), or `:memory:` */
  constructor(readonly filename: string) {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // An entry the intake acknowledged survives a power cut: commits do not sync (NORMAL), and every write
    // then awaits an fsync of the -wal file on the thread pool, so the fsync never stops the event loop.
    this.db.pragma('synchronous = NORMAL');
    this.durability = new WalFsync(filename);
    // Checkpoints run on the process's checkpointer thread; a commit folds the log itself only past this.
    this.db.pragma(`wal_autocheckpoint = ${backstopAutocheckpointPages}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    this.stopCheckpoints = WalCheckpointer.shared().watch(filename);
    this.insert = this.db.prepare(
      `INSERT INTO trail (${entryColumns}) VALUES (@sequence, @event_id, @received_at, @topic, @type, @source, @occurred_at, @partition_key, @correlation_id, @actor_account_id, @actor_facility_id, @actor_province_code, @subject_ids, @province_code, @facility_id, @payload, @masked_fields, @prev_hash, @hash)`,
    );
    this.insertAll = this.db.transaction((entries: TrailEntry[]) => {
      for (const entry of entries) this.insert.run(toRow(entry));
    });
  }

  async append(entries: TrailEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      this.insertAll(entries);
    } catch (error) {
      if (isConstraintError(error)) throw new TrailWriteConflict(error.message, error);
      throw error;
    }
    await this.durability.sync();
  }

  async last(): Promise<TrailEntry | null> {
    const row = this.db
      .prepare<[], EntryRow>(`SELECT ${entryColumns} FROM trail ORDER BY sequence DESC LIMIT 1`)
      .get();
    return row ? fromRow(row) : null;
  }

  /**
   * Statements are prepared once per SQL text: preparing on every call cost more than the query itself on
   * the intake's hot path (one lookup per message).
   */
  private readonly preparedStatements = new Map<string, Database.Statement>();

  private cached<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.preparedStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.preparedStatements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  async findByEventIds(eventIds: string[]): Promise<TrailEntry[]> {
    if (eventIds.length === 0) return [];
    return this
      .cached<[string], EntryRow>(
        `SELECT ${entryColumns} FROM trail WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY sequence`,
      )
      .all(JSON.stringify(eventIds))
      .map(fromRow);
  }

  async read(range: TrailRange): Promise<TrailEntry[]> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    if (range.afterSequence !== undefined && range.afterSequence !== null) {
      where.push('sequence > ?');
      parameters.push(range.afterSequence);
    }
    if (range.throughSequence !== undefined) {
      where.push('sequence <= ?');
      parameters.push(range.throughSequence);
    }
    if (range.receivedFrom !== undefined) {
      where.push('received_at >= ?');
      parameters.push(range.receivedFrom);
    }
    if (range.receivedTo !== undefined) {
      where.push('received_at <= ?');
      parameters.push(range.receivedTo);
    }
    parameters.push(range.limit);
    const sql = `SELECT ${entryColumns} FROM trail ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence LIMIT ?`;
    return (this.cached(sql).all(...parameters) as EntryRow[]).map(fromRow);
  }

  async count(): Promise<number> {
    return this.db.prepare<[], number>('SELECT count(*) FROM trail').pluck().get() ?? 0;
  }

  async deleteThrough(sequence: number): Promise<number> {
    try {
      const deleted = this.db.prepare('DELETE FROM trail WHERE sequence <= ?').run(sequence).changes;
      await this.durability.sync();
      return deleted;
    } catch (error) {
      if (isConstraintError(error)) throw new TrailWriteConflict(error.message, error);
      throw error;
    }
  }

  async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO checkpoints (kind, sequence, hash, at, signature, key_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, sequence) DO NOTHING',
      )
      .run(
        checkpoint.kind,
        checkpoint.sequence,
        checkpoint.hash,
        checkpoint.at,
        checkpoint.signature,
        checkpoint.keyId,
      );
    await this.durability.sync();
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return this.db
      .prepare<[], CheckpointRow>(
        'SELECT kind, sequence, hash, at, signature, key_id FROM checkpoints ORDER BY sequence, at',
      )
      .all()
      .map(checkpointFromRow);
  }

  async latestCheckpoint(kind?: SignedCheckpoint['kind']): Promise<SignedCheckpoint | null> {
    const row = kind
      ? this.db
          .prepare<[string], CheckpointRow>(
            'SELECT kind, sequence, hash, at, signature, key_id FROM checkpoints WHERE kind = ? ORDER BY sequence DESC, at DESC LIMIT 1',
          )
          .get(kind)
      : this.db
          .prepare<[], CheckpointRow>(
            'SELECT kind, sequence, hash, at, signature, key_id FROM checkpoints ORDER BY sequence DESC, at DESC LIMIT 1',
          )
          .get();
    return row ? checkpointFromRow(row) : null;
  }

  async park(message: ParkedMessage): Promise<boolean> {
    const result = this.db
      .prepare(
        'INSERT INTO parked (event_id, topic, type, parked_at, error, message) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
      )
      .run(message.eventId, message.topic, message.type, message.parkedAt, message.error, message.message);
    if (result.changes > 0) await this.durability.sync();
    return result.changes > 0;
  }

  async parked(limit: number): Promise<ParkedMessage[]> {
    return this.db
      .prepare<[number], ParkedRow>(
        'SELECT event_id, topic, type, parked_at, error, message FROM parked ORDER BY parked_at DESC, event_id DESC LIMIT ?',
      )
      .all(limit)
      .map((row) => ({
        eventId: row.event_id,
        topic: row.topic,
        type: row.type,
        parkedAt: row.parked_at,
        error: row.error,
        message: row.message,
      }));
  }

  async parkedCount(): Promise<number> {
    return this.db.prepare<[], number>('SELECT count(*) FROM parked').pluck().get() ?? 0;
  }

  async close(): Promise<void> {
    await this.durability.close();
    this.stopCheckpoints();
    if (this.db.open) this.db.close();
  }
}

function toRow(entry: TrailEntry): EntryRow {
  return {
    sequence: entry.sequence,
    event_id: entry.eventId,
    received_at: entry.receivedAt,
    topic: entry.topic,
    type: entry.type,
    source: entry.source,
    occurred_at: entry.occurredAt,
    partition_key: entry.partitionKey,
    correlation_id: entry.correlationId,
    actor_account_id: entry.actor.accountId,
    actor_facility_id: entry.actor.facilityId,
    actor_province_code: entry.actor.provinceCode,
    subject_ids: JSON.stringify(entry.subjectIds),
    province_code: entry.provinceCode,
    facility_id: entry.facilityId,
    payload: canonicalize(entry.payload),
    masked_fields: JSON.stringify(entry.maskedFields),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function fromRow(row: EntryRow): TrailEntry {
  return {
    sequence: row.sequence,
    eventId: row.event_id,
    receivedAt: row.received_at,
    topic: row.topic,
    type: row.type,
    source: row.source,
    occurredAt: row.occurred_at,
    partitionKey: row.partition_key,
    correlationId: row.correlation_id,
    actor: {
      accountId: row.actor_account_id,
      facilityId: row.actor_facility_id,
      provinceCode: row.actor_province_code,
    },
    subjectIds: JSON.parse(row.subject_ids) as string[],
    provinceCode: row.province_code,
    facilityId: row.facility_id,
    payload: JSON.parse(row.payload) as { [key: string]: CanonicalValue },
    maskedFields: JSON.parse(row.masked_fields) as string[],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function checkpointFromRow(row: CheckpointRow): SignedCheckpoint {
  return {
    kind: row.kind,
    sequence: row.sequence,
    hash: row.hash,
    at: row.at,
    signature: row.signature,
    keyId: row.key_id,
  };
}

/**
 * By error code, never `instanceof`: the native addon keeps the error class of whichever copy of the module
 * loaded it first, so in a process with several module registries or realms (test runners) instanceof lies.
 */
function isConstraintError(error: unknown): error is { code: string; message: string } {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

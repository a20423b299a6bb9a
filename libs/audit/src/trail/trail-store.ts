/**
 * The trail's own storage port. Adapters: SqliteTrailStore (standalone, `<data dir>/audit/trail.db`) and
 * MongoTrailStore (distributed, the audit database's `audit_trail` collection); both pass one contract suite.
 * Uniqueness of sequence and of event id is enforced by the storage itself, so a second writer racing for the
 * same place in the chain, or a message delivered twice, fails instead of forking or doubling the chain.
 */
import type { SignedCheckpoint } from '../domain/signed-checkpoint';
import type { TrailEntry } from '../domain/trail-entry';

/** A write refused by a unique index: the sequence is taken (another writer got there) or the event is stored. */
export class TrailWriteConflict extends Error {
  constructor(
    reason: string,
    override readonly cause?: unknown,
  ) {
    super(`Audit trail write refused: ${reason}`);
    this.name = 'TrailWriteConflict';
  }
}

export interface TrailRange {
  /** Exclusive lower bound on sequence; absent or null from the first entry. */
  afterSequence?: number | null;
  /** Inclusive upper bound on sequence. */
  throughSequence?: number;
  /** Inclusive bounds on receivedAt (ISO 8601, UTC). */
  receivedFrom?: string;
  receivedTo?: string;
  limit: number;
}

/** A message the intake could not read: kept with its error for ops (`audit parked`), counted by a metric. */
export interface ParkedMessage {
  eventId: string;
  topic: string;
  type: string;
  parkedAt: string;
  error: string;
  /** The message exactly as delivered, for replay once the cause is fixed. Ops-only storage. */
  message: string;
}

export interface TrailStore {
  /**
   * Appends entries in the given order. Throws TrailWriteConflict, storing none of them in the standalone
   * adapter and possibly a prefix of them in Mongo (no transactions there): a stored prefix is a valid chain
   * continuation, and the caller re-reads the head and the stored ids before trying again.
   */
  append(entries: TrailEntry[]): Promise<void>;
  /** The entry with the highest sequence, or null when the trail holds none. */
  last(): Promise<TrailEntry | null>;
  findByEventIds(eventIds: string[]): Promise<TrailEntry[]>;
  /** Entries in ascending sequence order. */
  read(range: TrailRange): Promise<TrailEntry[]>;
  /** Number of entries stored. */
  count(): Promise<number>;
  /** Removes entries up to and including `sequence` (retention); only allowed below a retention checkpoint. */
  deleteThrough(sequence: number): Promise<number>;
  /** Idempotent per (kind, sequence). */
  saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void>;
  /** Ascending by sequence. */
  checkpoints(): Promise<SignedCheckpoint[]>;
  latestCheckpoint(kind?: SignedCheckpoint['kind']): Promise<SignedCheckpoint | null>;
  /** False when a message with this event id is already parked. */
  park(message: ParkedMessage): Promise<boolean>;
  /** Newest first. */
  parked(limit: number): Promise<ParkedMessage[]>;
  parkedCount(): Promise<number>;
  close(): Promise<void>;
}

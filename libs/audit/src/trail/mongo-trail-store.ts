/**
 * Distributed TrailStore: the audit database's own `audit_trail` collection (plus `audit_checkpoints` and
 * `audit_parked`). Written for MongoDB and FerretDB v1 alike: no transactions, so an append relies on two unique
 * indexes — `_id` is the sequence and `eventId` is unique — and an insert that loses a race fails with a
 * duplicate key instead of forking the chain. Payloads are stored as their canonical JSON text, so what is read
 * back hashes exactly as what was written, whatever BSON does with key order or number types.
 */
import mongoose, { type Connection } from 'mongoose';
import type { CanonicalValue } from '../domain/canonical-json';
import { canonicalize } from '../domain/canonical-json';
import type { SignedCheckpoint } from '../domain/signed-checkpoint';
import type { TrailActor, TrailEntry } from '../domain/trail-entry';
import { type ParkedMessage, type TrailRange, type TrailStore, TrailWriteConflict } from './trail-store';

interface EntryDocument {
  _id: number;
  eventId: string;
  receivedAt: string;
  topic: string;
  type: string;
  source: string;
  occurredAt: string;
  partitionKey: string;
  correlationId: string | null;
  actor: TrailActor;
  subjectIds: string[];
  provinceCode: string | null;
  facilityId: string | null;
  payload: string;
  maskedFields: string[];
  prevHash: string;
  hash: string;
}

interface CheckpointDocument extends Omit<SignedCheckpoint, never> {
  _id: string;
}

interface ParkedDocument extends ParkedMessage {
  _id: string;
}

const DUPLICATE_KEY = 11000;
export const defaultAuditDatabase = 'vaxledger_audit';

export class MongoTrailStore implements TrailStore {
  private constructor(private readonly connection: Connection) {}

  /** @param url e.g. `mongodb://127.0.0.1:27017/vaxledger_audit`; the database comes from the path, `dbName` or the default. */
  static async connect(url: string, options: { dbName?: string } = {}): Promise<MongoTrailStore> {
    const dbName = options.dbName ?? (databaseNameFromUrl(url) || defaultAuditDatabase);
    const connection = await mongoose
      .createConnection(url, { dbName, autoIndex: false, autoCreate: false })
      .asPromise();
    const store = new MongoTrailStore(connection);
    await store.ensureIndexes();
    return store;
  }

  private async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ eventId: 1 }, { unique: true, name: 'ux_eventId' });
    await this.entries.createIndex({ receivedAt: 1 }, { name: 'ix_receivedAt' });
    await this.checkpointCollection.createIndex({ sequence: 1 }, { name: 'ix_sequence' });
    await this.parkedCollection.createIndex({ parkedAt: -1 }, { name: 'ix_parkedAt' });
  }

  async append(entries: TrailEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.entries.insertMany(entries.map(toDocument), { ordered: true });
    } catch (error) {
      if (isDuplicateKey(error)) throw new TrailWriteConflict('sequence or event id already stored', error);
      throw error;
    }
  }

  async last(): Promise<TrailEntry | null> {
    const document = await this.entries.find({}).sort({ _id: -1 }).limit(1).next();
    return document ? fromDocument(document) : null;
  }

  async findByEventIds(eventIds: string[]): Promise<TrailEntry[]> {
    if (eventIds.length === 0) return [];
    const documents = await this.entries
      .find({ eventId: { $in: eventIds } })
      .sort({ _id: 1 })
      .toArray();
    return documents.map(fromDocument);
  }

  async read(range: TrailRange): Promise<TrailEntry[]> {
    const sequence: Record<string, number> = {};
    if (range.afterSequence !== undefined && range.afterSequence !== null) sequence.$gt = range.afterSequence;
    if (range.throughSequence !== undefined) sequence.$lte = range.throughSequence;
    const receivedAt: Record<string, string> = {};
    if (range.receivedFrom !== undefined) receivedAt.$gte = range.receivedFrom;
    if (range.receivedTo !== undefined) receivedAt.$lte = range.receivedTo;
    const filter: Record<string, unknown> = {};
    if (Object.keys(sequence).length) filter._id = sequence;
    if (Object.keys(receivedAt).length) filter.receivedAt = receivedAt;
    const documents = await this.entries.find(filter).sort({ _id: 1 }).limit(range.limit).toArray();
    return documents.map(fromDocument);
  }

  async count(): Promise<number> {
    return this.entries.countDocuments({});
  }

  async deleteThrough(sequence: number): Promise<number> {
    const boundary = await this.latestCheckpoint('retention');
    if (!boundary || boundary.sequence < sequence) {
      throw new TrailWriteConflict(
        'audit trail entries are removed only behind a signed retention checkpoint',
      );
    }
    const result = await this.entries.deleteMany({ _id: { $lte: sequence } });
    return result.deletedCount;
  }

  async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    const { kind, sequence, hash, at, signature, keyId } = checkpoint;
    try {
      await this.checkpointCollection.insertOne({
        _id: `${kind}:${sequence}`,
        kind,
        sequence,
        hash,
        at,
        signature,
        keyId,
      });
    } catch (error) {
      // Idempotent: the same checkpoint saved twice (a retried job) is already there.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    const documents = await this.checkpointCollection.find({}).sort({ sequence: 1, at: 1 }).toArray();
    return documents.map(checkpointFromDocument);
  }

  async latestCheckpoint(kind?: SignedCheckpoint['kind']): Promise<SignedCheckpoint | null> {
    const document = await this.checkpointCollection
      .find(kind ? { kind } : {})
      .sort({ sequence: -1, at: -1 })
      .limit(1)
      .next();
    return document ? checkpointFromDocument(document) : null;
  }

  async park(message: ParkedMessage): Promise<boolean> {
    try {
      await this.parkedCollection.insertOne({ _id: message.eventId, ...message });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async parked(limit: number): Promise<ParkedMessage[]> {
    const documents = await this.parkedCollection
      .find({})
      .sort({ parkedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return documents.map(({ eventId, topic, type, parkedAt, error, message }) => ({
      eventId,
      topic,
      type,
      parkedAt,
      error,
      message,
    }));
  }

  async parkedCount(): Promise<number> {
    return this.parkedCollection.countDocuments({});
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Drops the whole audit database: for tests and throwaway environments only. */
  async dropDatabase(): Promise<void> {
    await this.db.dropDatabase();
  }

  private get db() {
    const db = this.connection.db;
    if (!db) throw new Error('Mongo trail connection is not open');
    return db;
  }

  private get entries() {
    return this.db.collection<EntryDocument>('audit_trail');
  }

  private get checkpointCollection() {
    return this.db.collection<CheckpointDocument>('audit_checkpoints');
  }

  private get parkedCollection() {
    return this.db.collection<ParkedDocument>('audit_parked');
  }
}

function toDocument(entry: TrailEntry): EntryDocument {
  return {
    _id: entry.sequence,
    eventId: entry.eventId,
    receivedAt: entry.receivedAt,
    topic: entry.topic,
    type: entry.type,
    source: entry.source,
    occurredAt: entry.occurredAt,
    partitionKey: entry.partitionKey,
    correlationId: entry.correlationId,
    actor: {
      accountId: entry.actor.accountId,
      facilityId: entry.actor.facilityId,
      provinceCode: entry.actor.provinceCode,
    },
    subjectIds: entry.subjectIds,
    provinceCode: entry.provinceCode,
    facilityId: entry.facilityId,
    payload: canonicalize(entry.payload),
    maskedFields: entry.maskedFields,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

function fromDocument(document: EntryDocument): TrailEntry {
  return {
    sequence: Number(document._id),
    eventId: document.eventId,
    receivedAt: document.receivedAt,
    topic: document.topic,
    type: document.type,
    source: document.source,
    occurredAt: document.occurredAt,
    partitionKey: document.partitionKey,
    correlationId: document.correlationId ?? null,
    actor: {
      accountId: document.actor?.accountId ?? null,
      facilityId: document.actor?.facilityId ?? null,
      provinceCode: document.actor?.provinceCode ?? null,
    },
    subjectIds: [...(document.subjectIds ?? [])],
    provinceCode: document.provinceCode ?? null,
    facilityId: document.facilityId ?? null,
    payload: JSON.parse(document.payload) as { [key: string]: CanonicalValue },
    maskedFields: [...(document.maskedFields ?? [])],
    prevHash: document.prevHash,
    hash: document.hash,
  };
}

function checkpointFromDocument(document: CheckpointDocument): SignedCheckpoint {
  return {
    kind: document.kind,
    sequence: Number(document.sequence),
    hash: document.hash,
    at: document.at,
    signature: document.signature,
    keyId: document.keyId,
  };
}

function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; writeErrors?: Array<{ code?: unknown }> };
  return (
    candidate.code === DUPLICATE_KEY ||
    (candidate.writeErrors ?? []).some((writeError) => writeError.code === DUPLICATE_KEY)
  );
}

function databaseNameFromUrl(url: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match && match[1] ? decodeURIComponent(match[1]) : null;
}

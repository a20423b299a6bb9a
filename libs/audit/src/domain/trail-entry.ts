/**
 * One entry of the audit trail and the hash that chains it to the one before. The trail is append-only; any
 * change to an entry, a gap or a swap breaks the chain at that point, which `verifyChain` reports.
 */
import { createHash } from 'node:crypto';
import { canonicalize, type CanonicalValue } from './canonical-json';

/** prevHash of the very first entry. */
export const genesisHash = '0'.repeat(64);

export interface TrailActor {
  accountId: string | null;
  facilityId: string | null;
  provinceCode: string | null;
}

/** What the intake learned from a message, before it has a place in the chain. */
export interface TrailEntryDraft {
  eventId: string;
  topic: string;
  /** CloudEvent type: the contract string (`vaxledger.access.recorded`, a domain event type, ...). */
  type: string;
  source: string;
  /** CloudEvent `time`, as sent. */
  occurredAt: string;
  /** CloudEvent partition key (an aggregate id, never personal data). */
  partitionKey: string;
  correlationId: string | null;
  actor: TrailActor;
  subjectIds: string[];
  provinceCode: string | null;
  facilityId: string | null;
  /** The message data with personal values removed: ids, codes, outcome, origin (see personal-data-protection). */
  payload: { [key: string]: CanonicalValue };
  /** Dotted paths of the data fields whose values were removed: the fields an event touched, never their values. */
  maskedFields: string[];
}

export interface TrailEntry extends TrailEntryDraft {
  /** 1, 2, 3, ... without gaps: the position in the chain. */
  sequence: number;
  /** When the trail stored it (ISO 8601, UTC). */
  receivedAt: string;
  prevHash: string;
  /** SHA-256 (hex) of canonical(entry without hash) followed by prevHash. */
  hash: string;
}

export interface ChainHead {
  sequence: number;
  hash: string;
}

export const genesisHead: ChainHead = { sequence: 0, hash: genesisHash };

/** The hashed content: every field but `hash`, in the fixed canonical form. */
export function canonicalEntry(entry: Omit<TrailEntry, 'hash'> | TrailEntry): string {
  const { hash: _hash, ...content } = entry as TrailEntry;
  return canonicalize(content);
}

export function entryHash(entry: Omit<TrailEntry, 'hash'> | TrailEntry): string {
  return createHash('sha256').update(canonicalEntry(entry)).update(entry.prevHash).digest('hex');
}

/** Places a draft right after `head`. */
export function sealEntry(draft: TrailEntryDraft, head: ChainHead, receivedAt: Date): TrailEntry {
  const unsealed: Omit<TrailEntry, 'hash'> = {
    ...draft,
    sequence: head.sequence + 1,
    receivedAt: receivedAt.toISOString(),
    prevHash: head.hash,
  };
  return { ...unsealed, hash: entryHash(unsealed) };
}

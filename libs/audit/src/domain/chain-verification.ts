/**
 * Walks the trail in sequence order and names the first entry that does not match: a changed entry (its hash
 * no longer recomputes), a re-hashed entry (its hash recomputes but the next entry was chained to another
 * one), a missing entry (a gap in the sequence), a swap (an entry carrying another position's content), or a
 * chain that no longer reaches a signed checkpoint.
 */
import { type ChainHead, entryHash, type TrailEntry } from './trail-entry';
import type { SignedCheckpoint } from './signed-checkpoint';

export type ChainMismatchReason =
  /** The entry's content no longer hashes to its stored hash: it was edited (or holds another entry's content). */
  | 'entry_modified'
  /** The entry's hash is not the one the next entry was chained to: it was replaced and re-hashed. */
  | 'link_broken'
  /** A sequence number is absent: the entry was deleted. */
  | 'entry_missing'
  /** The chain at a checkpoint's sequence does not have the signed hash: the chain before it was rewritten. */
  | 'checkpoint_mismatch'
  /** A checkpoint's signature does not verify with the audit public key. */
  | 'checkpoint_signature_invalid';

export interface ChainMismatch {
  sequence: number;
  /** The entry at that sequence, when there is one. */
  eventId: string | null;
  reason: ChainMismatchReason;
  message: string;
  expected?: string;
  found?: string;
}

export class ChainVerifier {
  private last: ChainHead & { eventId: string | null };
  private mismatch: ChainMismatch | null = null;
  private checked = 0;
  private readonly checkpointsBySequence = new Map<number, SignedCheckpoint[]>();
  private readonly highestCheckpoint: SignedCheckpoint | null;

  /**
   * @param anchor where the walk starts: the genesis head, or the retention checkpoint of the last removed entry
   * @param checkpoints signed checkpoints whose signatures were already checked
   */
  constructor(
    readonly anchor: ChainHead,
    checkpoints: SignedCheckpoint[],
  ) {
    this.last = { ...anchor, eventId: null };
    let highest: SignedCheckpoint | null = null;
    for (const checkpoint of checkpoints) {
      if (checkpoint.sequence <= anchor.sequence) continue;
      const list = this.checkpointsBySequence.get(checkpoint.sequence) ?? [];
      list.push(checkpoint);
      this.checkpointsBySequence.set(checkpoint.sequence, list);
      if (!highest || checkpoint.sequence > highest.sequence) highest = checkpoint;
    }
    this.highestCheckpoint = highest;
  }

  get firstMismatch(): ChainMismatch | null {
    return this.mismatch;
  }

  get entriesChecked(): number {
    return this.checked;
  }

  get head(): ChainHead {
    return { sequence: this.last.sequence, hash: this.last.hash };
  }

  /** Feeds the next entry in sequence order; returns false once a mismatch was found (stop feeding). */
  feed(entry: TrailEntry): boolean {
    if (this.mismatch) return false;
    // Entries at or below the anchor are waiting for a retention run to finish removing them.
    if (entry.sequence <= this.anchor.sequence) return true;
    const expected = this.last.sequence + 1;
    if (entry.sequence !== expected) {
      return this.fail({
        sequence: expected,
        eventId: null,
        reason: 'entry_missing',
        message:
          entry.sequence > expected
            ? `Entries ${expected}..${entry.sequence - 1} are missing: the trail jumps from ${this.last.sequence} to ${entry.sequence}.`
            : `Entry ${entry.sequence} appears where ${expected} was expected.`,
      });
    }
    const recomputed = entryHash(entry);
    if (recomputed !== entry.hash) {
      return this.fail({
        sequence: entry.sequence,
        eventId: entry.eventId,
        reason: 'entry_modified',
        message: `Entry ${entry.sequence} does not hash to its stored hash: its content was changed.`,
        expected: recomputed,
        found: entry.hash,
      });
    }
    if (entry.prevHash !== this.last.hash) {
      const atAnchor = this.last.sequence === this.anchor.sequence;
      return this.fail({
        sequence: atAnchor ? entry.sequence : this.last.sequence,
        eventId: atAnchor ? entry.eventId : this.last.eventId,
        reason: 'link_broken',
        message: atAnchor
          ? `Entry ${entry.sequence} is not chained to the ${this.anchor.sequence === 0 ? 'start of the trail' : `retention checkpoint at ${this.anchor.sequence}`}.`
          : `Entry ${this.last.sequence} was replaced: entry ${entry.sequence} was chained to a different hash.`,
        expected: entry.prevHash,
        found: this.last.hash,
      });
    }
    for (const checkpoint of this.checkpointsBySequence.get(entry.sequence) ?? []) {
      if (checkpoint.hash !== entry.hash) {
        return this.fail({
          sequence: entry.sequence,
          eventId: entry.eventId,
          reason: 'checkpoint_mismatch',
          message: `The ${checkpoint.kind} checkpoint signed at ${checkpoint.at} says entry ${entry.sequence} has another hash: the chain up to it was rewritten.`,
          expected: checkpoint.hash,
          found: entry.hash,
        });
      }
    }
    this.last = { sequence: entry.sequence, hash: entry.hash, eventId: entry.eventId };
    this.checked++;
    return true;
  }

  /** Call after the last entry: a signed checkpoint beyond the end means entries were cut off the tail. */
  finish(): ChainMismatch | null {
    if (this.mismatch) return this.mismatch;
    const highest = this.highestCheckpoint;
    if (highest && highest.sequence > this.last.sequence) {
      this.fail({
        sequence: this.last.sequence + 1,
        eventId: null,
        reason: 'entry_missing',
        message: `The ${highest.kind} checkpoint signed at ${highest.at} covers entry ${highest.sequence}, but the trail ends at ${this.last.sequence}.`,
      });
    }
    return this.mismatch;
  }

  private fail(mismatch: ChainMismatch): false {
    this.mismatch = mismatch;
    return false;
  }
}

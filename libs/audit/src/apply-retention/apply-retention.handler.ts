/**
 * Retention of access records (AUDIT_ACCESS_RETENTION_DAYS). The trail is one chain, so retention removes its
 * oldest part: every entry received before the cutoff, up to the first one that is not. Before removing
 * anything it re-verifies that part, then signs a `retention` checkpoint holding the sequence and hash of the
 * last removed entry; verification starts from that checkpoint afterwards, so the remaining chain stays
 * checkable and nobody can pass a deletion off as retention without the signing key.
 *
 * The other entries in that part (domain events, login attempts) are copies: each service's own event log
 * keeps them, and `audit export` archives the range first when an outside copy is wanted.
 */
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { Clock } from '@vaxledger/kernel';
import { ChainVerifier, type ChainMismatch } from '../domain/chain-verification';
import { checkpointSignatureValid, type SignedCheckpoint, signCheckpoint } from '../domain/signed-checkpoint';
import { genesisHead, type TrailEntry } from '../domain/trail-entry';
import type { AuditEventsProjection } from '../read-models/audit-events.projection';
import type { TrailAppender } from '../trail/trail-appender';
import type { TrailStore } from '../trail/trail-store';

export interface RetentionOutcome {
  cutoff: string;
  /** The new boundary, or null when nothing was old enough. */
  boundary: SignedCheckpoint | null;
  removed: number;
  /** Set when the part to remove did not verify: nothing was removed. */
  refused: ChainMismatch | null;
}

export interface RetentionDependencies {
  trail: TrailStore;
  appender: TrailAppender;
  signingKey: KeyObject;
  clock: Clock;
  /** The read model to prune alongside; absent in tools that do not own it. */
  projection?: AuditEventsProjection;
}

const pageSize = 1000;

export function applyRetention(
  dependencies: RetentionDependencies,
  retentionDays: number,
): Promise<RetentionOutcome> {
  const { trail, appender, signingKey, clock, projection } = dependencies;
  return appender.exclusive(async () => {
    const cutoff = new Date(clock.now().getTime() - retentionDays * 24 * 3600_000).toISOString();
    const checkpoints = await trail.checkpoints();
    const publicKey = createPublicKey(signingKey);
    const trusted = checkpoints.filter((checkpoint) => checkpointSignatureValid(checkpoint, publicKey));
    const previous = trusted.filter((c) => c.kind === 'retention').at(-1) ?? null;
    const anchor = previous ? { sequence: previous.sequence, hash: previous.hash } : genesisHead;

    const verifier = new ChainVerifier(anchor, trusted);
    let last: TrailEntry | null = null;
    let after = anchor.sequence;
    scan: for (;;) {
      const page = await trail.read({ afterSequence: after, limit: pageSize });
      for (const entry of page) {
        if (entry.receivedAt >= cutoff) break scan;
        if (!verifier.feed(entry))
          return { cutoff, boundary: null, removed: 0, refused: verifier.firstMismatch };
        last = entry;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].sequence;
    }
    if (!last) return { cutoff, boundary: null, removed: 0, refused: null };

    // Checkpoint first: should the deletion stop half-way (no transactions in Mongo), verification already
    // starts after the boundary and the next run removes the rest.
    const boundary = signCheckpoint(
      'retention',
      { sequence: last.sequence, hash: last.hash },
      clock.now(),
      signingKey,
    );
    await trail.saveCheckpoint(boundary);
    const removed = await trail.deleteThrough(last.sequence);
    await projection?.forgetThrough(last.sequence);
    appender.invalidateHead();
    return { cutoff, boundary, removed, refused: null };
  });
}

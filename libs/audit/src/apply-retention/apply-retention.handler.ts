/**
 * Retention of access records (AUDIT_ACCESS_RETENTION_DAYS, never below AUDIT_MIN_RETENTION_DAYS, itself
 * never below one year). The trail is one chain, so retention removes its oldest part: every entry received
 * before the cutoff, up to the first one that is not. Before removing anything it re-verifies that part, then
 * signs a `retention` checkpoint holding the sequence and hash of the last removed entry (stored and
 * anchored); verification starts from that checkpoint afterwards, so the remaining chain stays checkable and
 * nobody can pass a deletion off as retention without the signing key. Every run, whatever its outcome, is
 * then recorded as a trail entry and sealed by a checkpoint.
 *
 * The other entries in that part (domain events, login attempts) are copies: each service's own event log
 * keeps them, and `audit export` archives the range first when an outside copy is wanted.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '@vaxledger/kernel';
import { ChainVerifier } from '../domain/chain-verification';
import { checkpointSignatureProblem, type SignedCheckpoint, signCheckpoint } from '../domain/signed-checkpoint';
import { genesisHead, type TrailEntry } from '../domain/trail-entry';
import { type TrustedKeys, trustedKeys } from '../domain/trusted-keys';
import type { AuditEventsProjection } from '../read-models/audit-events.projection';
import type { TrailAppender } from '../trail/trail-appender';
import type { TrailStore } from '../trail/trail-store';
import { type RetentionRunRecord, retentionRunDraft } from './retention-run';

export interface RetentionRefusal {
  reason: 'below_minimum_retention' | 'part_does_not_verify';
  message: string;
}

export interface RetentionOutcome {
  cutoff: string;
  /** The new boundary, or null when nothing was old enough (or the run was refused). */
  boundary: SignedCheckpoint | null;
  removed: number;
  /** Set when nothing was removed because the run was refused. */
  refused: RetentionRefusal | null;
  /** The trail entry that records this run. */
  recordedAt: number | null;
}

export interface RetentionDependencies {
  trail: TrailStore;
  appender: TrailAppender;
  signingKey: KeyObject;
  clock: Clock;
  /** Keys whose checkpoints count when re-verifying the part to remove; the signing key's own by default. */
  trusted?: TrustedKeys;
  /** The read model to prune alongside; absent in tools that do not own it. */
  projection?: AuditEventsProjection;
}

export interface RetentionPolicy {
  retentionDays: number;
  /** AUDIT_MIN_RETENTION_DAYS: a shorter retention is refused. */
  minimumRetentionDays: number;
}

const pageSize = 1000;

export async function applyRetention(
  dependencies: RetentionDependencies,
  policy: RetentionPolicy,
): Promise<RetentionOutcome> {
  const { trail, appender, signingKey, clock, projection } = dependencies;
  const trusted = dependencies.trusted ?? trustedKeys([signingKey]);
  const { retentionDays, minimumRetentionDays } = policy;
  const outcome = await appender.exclusive(async (): Promise<RetentionOutcome> => {
    const cutoff = new Date(clock.now().getTime() - retentionDays * 24 * 3600_000).toISOString();
    if (!(retentionDays >= minimumRetentionDays))
      return {
        cutoff,
        boundary: null,
        removed: 0,
        recordedAt: null,
        refused: {
          reason: 'below_minimum_retention',
          message: `a retention of ${retentionDays} days is below the minimum of ${minimumRetentionDays} days (AUDIT_MIN_RETENTION_DAYS)`,
        },
      };
    const checkpoints = (await trail.checkpoints()).filter(
      (checkpoint) => checkpointSignatureProblem(checkpoint, trusted) === null,
    );
    const previous = checkpoints.filter((c) => c.kind === 'retention').at(-1) ?? null;
    const anchor = previous ? { sequence: previous.sequence, hash: previous.hash } : genesisHead;

    const verifier = new ChainVerifier(anchor, checkpoints);
    let last: TrailEntry | null = null;
    let after = anchor.sequence;
    scan: for (;;) {
      const page = await trail.read({ afterSequence: after, limit: pageSize });
      for (const entry of page) {
        if (entry.receivedAt >= cutoff) break scan;
        if (!verifier.feed(entry)) {
          const mismatch = verifier.firstMismatch!;
          return {
            cutoff,
            boundary: null,
            removed: 0,
            recordedAt: null,
            refused: { reason: 'part_does_not_verify', message: `${mismatch.reason}: ${mismatch.message}` },
          };
        }
        last = entry;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].sequence;
    }
    if (!last) return { cutoff, boundary: null, removed: 0, refused: null, recordedAt: null };

    // Checkpoint first: should the deletion stop half-way (no transactions in Mongo), verification already
    // starts after the boundary and the next run removes the rest.
    const boundary = signCheckpoint(
      'retention',
      { sequence: last.sequence, hash: last.hash },
      clock.now(),
      signingKey,
    );
    await appender.recordCheckpoint(boundary);
    const removed = await trail.deleteThrough(last.sequence);
    await projection?.forgetThrough(last.sequence);
    appender.invalidateHead();
    return { cutoff, boundary, removed, refused: null, recordedAt: null };
  });

  // A policy below the floor is bad input: refused before it touches anything, the trail included.
  if (outcome.refused?.reason === 'below_minimum_retention') return outcome;
  const record: RetentionRunRecord = {
    outcome: outcome.refused ? 'refused' : outcome.boundary ? 'removed' : 'nothing_due',
    cutoff: outcome.cutoff,
    retentionDays,
    minimumRetentionDays,
    boundarySequence: outcome.boundary?.sequence ?? null,
    boundaryHash: outcome.boundary?.hash ?? null,
    removed: outcome.removed,
    reason: outcome.refused?.reason ?? null,
  };
  const appended = await appender.append(retentionRunDraft(record, clock.now()));
  // Seal the record at once: the run is then anchored outside the trail, not only in it.
  await appender.checkpointNow('periodic');
  return { ...outcome, recordedAt: appended.entry.sequence };
}

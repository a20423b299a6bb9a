/**
 * Verifies the trail against everything that does not live in its database: the signatures of its
 * checkpoints against the trusted public keys, the checkpoints anchored outside it, the time since the last
 * checkpoint, and the services' own event logs. Then the hash chain from its anchor (the start, or the
 * latest signed retention boundary) to the end, against every signed checkpoint on the way. Used by
 * `GET /api/v1/audit/verify` and `npm run cli -- audit verify` — one code path in both modes.
 */
import { type Principal, type RequestOrigin, requireRole } from '@vaxledger/auth';
import type { KeyObject } from 'node:crypto';
import type { Clock } from '@vaxledger/kernel';
import { type ChainMismatchReason, ChainVerifier } from '../domain/chain-verification';
import { checkpointSignatureProblem, type SignedCheckpoint } from '../domain/signed-checkpoint';
import { type ChainHead, genesisHead } from '../domain/trail-entry';
import { type TrustedKeys, trustedKeys } from '../domain/trusted-keys';
import { retentionRunType } from '../apply-retention/retention-run';
import { reconcileSource, type AuditSource, type SourceReconciliation } from '../sources/audit-source';
import type { TrailStore } from '../trail/trail-store';

export type TrailProblemReason =
  | ChainMismatchReason
  /** A checkpoint names a key that is not trusted (a replaced signing key, or a rotation not announced). */
  | 'checkpoint_key_unknown'
  /** Entries exist, but no checkpoint was ever signed for them within the checkpoint interval. */
  | 'checkpoints_missing'
  /** The newest checkpoint is older than the checkpoint interval while entries arrived after it. */
  | 'checkpoint_stale'
  /** A checkpoint kept in the anchors is not (or not the same) in the trail's database. */
  | 'anchor_missing_from_trail'
  /** The anchor file cannot be read as checkpoints. */
  | 'anchor_unreadable'
  /** A service's event log holds an event that the trail should hold and does not. */
  | 'source_event_missing'
  /** A service's event log could not be read. */
  | 'source_unreadable';

export interface TrailProblem {
  reason: TrailProblemReason;
  /** The trail position concerned, when there is one. */
  sequence: number | null;
  eventId: string | null;
  message: string;
  expected?: string;
  found?: string;
  /** For source problems: which log and where in it. */
  source?: { name: string; position: number | null };
}

export interface TrailVerificationReport {
  ok: boolean;
  /** Where the walk started: the start of the trail, or the retention boundary. */
  anchor: { kind: 'genesis' | 'retention'; sequence: number; hash: string };
  entriesChecked: number;
  /** The last entry that verified. */
  head: ChainHead;
  /** Checkpoints in the trail's database plus those only in the anchors. */
  checkpointsChecked: number;
  /** Checkpoints read from the anchor file (0 when none is configured). */
  anchorsChecked: number;
  anchorFile: string | null;
  latestCheckpoint: SignedCheckpoint | null;
  /** The key the latest checkpoint was signed with. */
  signingKeyId: string | null;
  trustedKeyIds: string[];
  /** The signed retention boundary, when a retention run removed the oldest part. */
  retention: { sequence: number; hash: string; at: string; cutoff: string | null } | null;
  /** One line per service event log: what the trail must hold and what it lacks. */
  sources: SourceReconciliation[];
  /** The first problem (null when the trail verifies). */
  firstMismatch: TrailProblem | null;
  /** Every problem found, the first one first. */
  problems: TrailProblem[];
  verifiedAt: string;
}

export interface VerifyTrailOptions {
  pageSize?: number;
  now?: Date;
  /** Checkpoints kept outside the trail's database, and where they were read from. */
  anchors?: { file: string; checkpoints: SignedCheckpoint[] } | { file: string; error: string } | null;
  /** AUDIT_CHECKPOINT_MINUTES in ms: longer without a checkpoint while entries exist is a failure. */
  checkpointIntervalMs?: number;
  /** The services' event logs to reconcile with; none skips that check (reported as no sources). */
  sources?: AuditSource[];
  /** Source events older than this must be in the trail (AUDIT_SOURCE_GRACE_MINUTES). */
  sourceGraceMs?: number;
}

/** The timer that signs time-based checkpoints runs once a minute: allow for one tick. */
const checkpointTimerSlackMs = 60_000;
const defaultIntervalMs = 15 * 60_000;

const checkpointKey = (c: SignedCheckpoint) => `${c.kind}:${c.sequence}`;

export async function verifyTrail(
  trail: TrailStore,
  keys: TrustedKeys | KeyObject,
  options: VerifyTrailOptions = {},
): Promise<TrailVerificationReport> {
  const trusted: TrustedKeys = keys instanceof Map ? keys : trustedKeys([keys as KeyObject]);
  const pageSize = options.pageSize ?? 2000;
  const now = options.now ?? new Date();
  const intervalMs = options.checkpointIntervalMs ?? defaultIntervalMs;
  const problems: TrailProblem[] = [];

  // 1. Signatures: of the trail's checkpoints and of the anchored ones.
  const stored = await trail.checkpoints();
  const anchors = options.anchors ?? null;
  const anchored = anchors && 'checkpoints' in anchors ? anchors.checkpoints : [];
  if (anchors && 'error' in anchors)
    problems.push({
      reason: 'anchor_unreadable',
      sequence: null,
      eventId: null,
      message: `The anchor file cannot be read: ${anchors.error}`,
    });
  const signatureProblem = (checkpoint: SignedCheckpoint, where: string) => {
    const problem = checkpointSignatureProblem(checkpoint, trusted);
    if (problem === 'key_unknown')
      problems.push({
        reason: 'checkpoint_key_unknown',
        sequence: checkpoint.sequence,
        eventId: null,
        message: `The ${checkpoint.kind} checkpoint at ${checkpoint.sequence} ${where} (signed ${checkpoint.at}) names key ${checkpoint.keyId}, which is not a trusted audit key.`,
        found: checkpoint.keyId,
      });
    else if (problem === 'signature_invalid')
      problems.push({
        reason: 'checkpoint_signature_invalid',
        sequence: checkpoint.sequence,
        eventId: null,
        message: `The ${checkpoint.kind} checkpoint at ${checkpoint.sequence} ${where} (signed ${checkpoint.at}) does not verify with the audit key ${checkpoint.keyId}.`,
      });
    return problem !== null;
  };
  const valid = stored.filter((checkpoint) => !signatureProblem(checkpoint, 'in the trail'));
  const validAnchored = anchored.filter((checkpoint) => !signatureProblem(checkpoint, 'in the anchors'));

  // 2. Every anchored checkpoint must still be in the trail's database, unchanged.
  const storedByKey = new Map(stored.map((c) => [checkpointKey(c), c]));
  for (const checkpoint of validAnchored) {
    const inTrail = storedByKey.get(checkpointKey(checkpoint));
    // Same place, same hash: the trail keeps one checkpoint per (kind, sequence), a second signing (an export
    // repeated at the same head) is anchored but not stored again, and vouches for the same chain.
    if (!inTrail || inTrail.hash !== checkpoint.hash) {
      problems.push({
        reason: 'anchor_missing_from_trail',
        sequence: checkpoint.sequence,
        eventId: null,
        message: inTrail
          ? `The ${checkpoint.kind} checkpoint at ${checkpoint.sequence} in the trail differs from the one anchored (signed ${checkpoint.at}).`
          : `The ${checkpoint.kind} checkpoint at ${checkpoint.sequence} (signed ${checkpoint.at}) is anchored but no longer in the trail: checkpoints were deleted.`,
        expected: checkpoint.hash,
        found: inTrail?.hash,
      });
    }
  }

  // 3. The chain, against every checkpoint that verified (the trail's and the anchored ones).
  const all = new Map<string, SignedCheckpoint>();
  for (const checkpoint of [...valid, ...validAnchored]) all.set(`${checkpointKey(checkpoint)}:${checkpoint.signature}`, checkpoint);
  const checkpoints = [...all.values()].sort((a, b) => a.sequence - b.sequence || a.at.localeCompare(b.at));
  const latestCheckpoint = checkpoints.at(-1) ?? null;
  const boundary = checkpoints.filter((c) => c.kind === 'retention').at(-1) ?? null;
  const anchor = boundary
    ? { kind: 'retention' as const, sequence: boundary.sequence, hash: boundary.hash }
    : { kind: 'genesis' as const, ...genesisHead };
  const verifier = new ChainVerifier(anchor, checkpoints);
  const latestSigned = latestCheckpoint?.sequence ?? anchor.sequence;
  let firstUnsigned: { sequence: number; receivedAt: string } | null = null;
  let retentionCutoff: string | null = null;
  let after: number = anchor.sequence;
  // The last entry the walk verified: a source event counts as in the trail only when its entry lies within
  // the verified chain, so an entry hidden from the walk (its sequence rewritten, say) is not vouched for.
  let walkedThrough: number = anchor.sequence;
  walk: for (;;) {
    const page = await trail.read({ afterSequence: after, limit: pageSize });
    for (const entry of page) {
      if (!verifier.feed(entry)) break walk;
      walkedThrough = entry.sequence;
      if (!firstUnsigned && entry.sequence > latestSigned)
        firstUnsigned = { sequence: entry.sequence, receivedAt: entry.receivedAt };
      if (boundary && entry.type === retentionRunType && entry.payload.boundarySequence === boundary.sequence)
        retentionCutoff = typeof entry.payload.cutoff === 'string' ? entry.payload.cutoff : null;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].sequence;
  }
  const chainProblem = verifier.finish();
  if (chainProblem) problems.push({ ...chainProblem });

  // 4. Checkpoints must keep up: entries older than the interval with none covering them is a failure.
  if (firstUnsigned && now.getTime() - Date.parse(firstUnsigned.receivedAt) > intervalMs + checkpointTimerSlackMs) {
    problems.push(
      latestCheckpoint
        ? {
            reason: 'checkpoint_stale',
            sequence: firstUnsigned.sequence,
            eventId: null,
            message: `Entries from ${firstUnsigned.sequence} on (the first received ${firstUnsigned.receivedAt}) are covered by no checkpoint; the newest is #${latestCheckpoint.sequence}, signed ${latestCheckpoint.at}, and one is due every ${intervalMs / 60_000} minutes.`,
          }
        : {
            reason: 'checkpoints_missing',
            sequence: firstUnsigned.sequence,
            eventId: null,
            message: `The trail holds entries since ${firstUnsigned.receivedAt} but no signed checkpoint at all: checkpoints were deleted, or never written.`,
          },
    );
  }

  // 5. The sources: every event a service published must be in the trail, unless signed retention removed it.
  const sources: SourceReconciliation[] = [];
  const verifiedPart: Pick<TrailStore, 'findByEventIds'> = {
    findByEventIds: async (eventIds) =>
      (await trail.findByEventIds(eventIds)).filter((entry) => entry.sequence <= walkedThrough),
  };
  const dueBefore = new Date(now.getTime() - (options.sourceGraceMs ?? defaultIntervalMs)).toISOString();
  for (const source of options.sources ?? []) {
    try {
      const reconciliation = await reconcileSource(verifiedPart, source, {
        dueBefore,
        retentionCutoff: boundary ? retentionCutoff : null,
        pageSize,
      });
      sources.push(reconciliation);
      const first = reconciliation.missingEvents[0];
      if (first)
        problems.push({
          reason: 'source_event_missing',
          sequence: null,
          eventId: first.eventId,
          message: `${reconciliation.missing} event(s) of the ${source.name} event log are not in the trail; the first is ${first.type} at position ${first.position} (occurred ${first.occurredAt}).`,
          source: { name: source.name, position: first.position },
        });
    } catch (error) {
      problems.push({
        reason: 'source_unreadable',
        sequence: null,
        eventId: null,
        message: `The ${source.name} event log could not be read: ${(error as Error).message}`,
        source: { name: source.name, position: null },
      });
    }
  }

  return {
    ok: problems.length === 0,
    anchor,
    entriesChecked: verifier.entriesChecked,
    head: verifier.head,
    checkpointsChecked: checkpoints.length,
    anchorsChecked: anchored.length,
    anchorFile: anchors?.file ?? null,
    latestCheckpoint,
    signingKeyId: latestCheckpoint?.keyId ?? null,
    trustedKeyIds: [...trusted.keys()],
    retention: boundary
      ? { sequence: boundary.sequence, hash: boundary.hash, at: boundary.at, cutoff: retentionCutoff }
      : null,
    sources,
    firstMismatch: problems[0] ?? null,
    problems,
    verifiedAt: now.toISOString(),
  };
}

export interface VerifyTrailHandlerOptions {
  /** Reads the anchors afresh on every run (the file grows); null when none is configured. */
  anchors: () => VerifyTrailOptions['anchors'] | Promise<VerifyTrailOptions['anchors']>;
  sources: () => Promise<AuditSource[]>;
  checkpointIntervalMs: number;
  sourceGraceMs: number;
}

/**
 * GET /audit/verify: auditors and the national admin check the chain, bound to this service's trail, trusted
 * keys, anchors and sources.
 */
export class VerifyTrailHandler {
  constructor(
    private readonly trail: TrailStore,
    private readonly keys: TrustedKeys,
    private readonly clock: Clock,
    private readonly options: VerifyTrailHandlerOptions,
  ) {}

  async execute(principal: Principal, _origin: RequestOrigin): Promise<TrailVerificationReport> {
    requireRole(principal, 'auditor', 'national_admin');
    return verifyTrail(this.trail, this.keys, {
      now: this.clock.now(),
      anchors: await this.options.anchors(),
      sources: await this.options.sources(),
      checkpointIntervalMs: this.options.checkpointIntervalMs,
      sourceGraceMs: this.options.sourceGraceMs,
    });
  }
}

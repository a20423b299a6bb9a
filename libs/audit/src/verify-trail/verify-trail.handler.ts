/**
 * Verifies the whole trail: every checkpoint signature, then the hash chain from its anchor (the start, or the
 * latest retention checkpoint) to the end, against every signed checkpoint on the way. Used by
 * `GET /api/v1/audit/verify` and `npm run cli -- audit verify`.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '@vaxledger/kernel';
import { type ChainMismatch, ChainVerifier } from '../domain/chain-verification';
import { checkpointSignatureValid, keyIdOf, type SignedCheckpoint } from '../domain/signed-checkpoint';
import { type ChainHead, genesisHead } from '../domain/trail-entry';
import type { TrailStore } from '../trail/trail-store';

export interface TrailVerificationReport {
  ok: boolean;
  /** Where the walk started: the start of the trail, or the retention boundary. */
  anchor: { kind: 'genesis' | 'retention'; sequence: number; hash: string };
  entriesChecked: number;
  /** The last entry that verified. */
  head: ChainHead;
  checkpointsChecked: number;
  latestCheckpoint: SignedCheckpoint | null;
  signingKeyId: string;
  firstMismatch: ChainMismatch | null;
  verifiedAt: string;
}

export interface VerifyTrailOptions {
  pageSize?: number;
  now?: Date;
}

export async function verifyTrail(
  trail: TrailStore,
  publicKey: KeyObject,
  options: VerifyTrailOptions = {},
): Promise<TrailVerificationReport> {
  const pageSize = options.pageSize ?? 2000;
  const signingKeyId = keyIdOf(publicKey);
  const checkpoints = await trail.checkpoints();
  const latestCheckpoint = checkpoints.reduce<SignedCheckpoint | null>(
    (latest, checkpoint) => (!latest || checkpoint.sequence >= latest.sequence ? checkpoint : latest),
    null,
  );
  const report = (
    verifier: ChainVerifier | null,
    anchor: TrailVerificationReport['anchor'],
    mismatch: ChainMismatch | null,
  ) => ({
    ok: mismatch === null,
    anchor,
    entriesChecked: verifier?.entriesChecked ?? 0,
    head: verifier?.head ?? { sequence: anchor.sequence, hash: anchor.hash },
    checkpointsChecked: checkpoints.length,
    latestCheckpoint,
    signingKeyId,
    firstMismatch: mismatch,
    verifiedAt: (options.now ?? new Date()).toISOString(),
  });

  const genesis = { kind: 'genesis' as const, ...genesisHead };
  for (const checkpoint of checkpoints) {
    if (checkpoint.keyId !== signingKeyId || !checkpointSignatureValid(checkpoint, publicKey)) {
      return report(null, genesis, {
        sequence: checkpoint.sequence,
        eventId: null,
        reason: 'checkpoint_signature_invalid',
        message: `The ${checkpoint.kind} checkpoint at ${checkpoint.sequence} (signed ${checkpoint.at}) does not verify with the audit key ${signingKeyId}.`,
      });
    }
  }

  const boundary = checkpoints
    .filter((c) => c.kind === 'retention')
    .reduce<SignedCheckpoint | null>(
      (latest, checkpoint) => (!latest || checkpoint.sequence > latest.sequence ? checkpoint : latest),
      null,
    );
  const anchor = boundary
    ? { kind: 'retention' as const, sequence: boundary.sequence, hash: boundary.hash }
    : genesis;
  const verifier = new ChainVerifier(anchor, checkpoints);
  let after: number = anchor.sequence;
  for (;;) {
    const page = await trail.read({ afterSequence: after, limit: pageSize });
    for (const entry of page) {
      if (!verifier.feed(entry)) return report(verifier, anchor, verifier.firstMismatch);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].sequence;
  }
  return report(verifier, anchor, verifier.finish());
}

export const TRAIL_VERIFIER = Symbol('TRAIL_VERIFIER');

/** The verify use case bound to this service's trail and key. */
export class TrailVerifier {
  constructor(
    private readonly trail: TrailStore,
    private readonly publicKey: KeyObject,
    private readonly clock: Clock,
  ) {}

  verify(): Promise<TrailVerificationReport> {
    return verifyTrail(this.trail, this.publicKey, { now: this.clock.now() });
  }
}

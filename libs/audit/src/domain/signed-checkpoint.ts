/**
 * Signed checkpoints: the trail's head (sequence + hash) at a moment, signed with the audit Ed25519 key. An
 * outside party holding the public key can check that the trail it was given still reaches that head, and
 * nobody without the key can move a checkpoint to cover a rewritten chain.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalize } from './canonical-json';
import type { ChainHead } from './trail-entry';

/**
 * periodic: every N entries or T minutes; retention: the last entry removed by retention (verification starts
 * after it); export: the last entry of an export, so the exported file carries its own anchor.
 */
export type CheckpointKind = 'periodic' | 'retention' | 'export';

export interface SignedCheckpoint {
  kind: CheckpointKind;
  sequence: number;
  hash: string;
  /** ISO 8601, UTC. */
  at: string;
  /** Base64 Ed25519 signature over `signedCheckpointContent`. */
  signature: string;
  /** Which key signed: the first 16 hex digits of SHA-256 over the public key's DER (SPKI). */
  keyId: string;
}

/**
 * The signed bytes: canonical JSON of {at, hash, kind, sequence}. The kind is signed too, so a periodic
 * checkpoint cannot be relabelled as a retention boundary to excuse deleted entries.
 */
export function signedCheckpointContent(
  checkpoint: Pick<SignedCheckpoint, 'kind' | 'sequence' | 'hash' | 'at'>,
): string {
  return canonicalize({
    at: checkpoint.at,
    hash: checkpoint.hash,
    kind: checkpoint.kind,
    sequence: checkpoint.sequence,
  });
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function publicKeyPem(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function signCheckpoint(
  kind: CheckpointKind,
  head: ChainHead,
  at: Date,
  privateKey: KeyObject,
): SignedCheckpoint {
  const unsigned = { kind, sequence: head.sequence, hash: head.hash, at: at.toISOString() };
  const signature = sign(null, Buffer.from(signedCheckpointContent(unsigned)), privateKey).toString('base64');
  return { ...unsigned, signature, keyId: keyIdOf(createPublicKey(privateKey)) };
}

/** Why a checkpoint does not verify against a set of trusted keys, or null when it does. */
export function checkpointSignatureProblem(
  checkpoint: SignedCheckpoint,
  keys: ReadonlyMap<string, KeyObject>,
): 'key_unknown' | 'signature_invalid' | null {
  const key = keys.get(checkpoint.keyId);
  if (!key) return 'key_unknown';
  return checkpointSignatureValid(checkpoint, key) ? null : 'signature_invalid';
}

export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(
      null,
      Buffer.from(signedCheckpointContent(checkpoint)),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

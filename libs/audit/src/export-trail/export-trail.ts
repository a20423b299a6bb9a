/**
 * `audit export`: a range of the trail with everything an outside party needs to check it without access to
 * the system — every entry with its hashes, the anchor the first entry chains to, the signed checkpoints in the
 * range plus one signed for the last exported entry, and the public key. The procedure is in docs/audit.md.
 * Export refuses a trail that does not verify: a certificate over a broken chain would be worse than none.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { ruleBroken } from '@vaxledger/kernel';
import { canonicalEntry, type TrailEntry } from '../domain/trail-entry';
import { keyIdOf, publicKeyPem, type SignedCheckpoint, signCheckpoint } from '../domain/signed-checkpoint';
import { walkTrail } from '../replay-trail/replay-trail';
import type { TrailStore } from '../trail/trail-store';
import type { TrustedKeys } from '../domain/trusted-keys';
import { verifyTrail, type VerifyTrailOptions } from '../verify-trail/verify-trail.handler';

export const exportFormatName = 'vaxledger-audit-export/1';

export interface ExportManifest {
  record: 'manifest';
  format: typeof exportFormatName;
  exportedAt: string;
  range: { from: string | null; to: string | null };
  entries: number;
  firstSequence: number | null;
  lastSequence: number | null;
  /** What the first exported entry chains to: sequence before it and its hash (prevHash of the first entry). */
  anchor: { sequence: number; hash: string } | null;
  lastHash: string | null;
  hashRule: string;
  signedContent: string;
  keyId: string;
  publicKey: string;
  /** Checkpoints inside the range, the latest of the whole trail, and the one signed for this export. */
  checkpoints: SignedCheckpoint[];
}

export interface ExportOptions {
  from?: string;
  to?: string;
  format: 'jsonl' | 'csv';
  now: Date;
  /** How the trail is verified before export (trusted keys, anchors, sources); the signing key's own alone by default. */
  verification?: { keys: TrustedKeys; options: VerifyTrailOptions };
  /** Stores the export checkpoint (the appender's, which also anchors it); the trail alone by default. */
  recordCheckpoint?: (checkpoint: SignedCheckpoint) => Promise<void>;
}

export const csvColumns = [
  'sequence',
  'eventId',
  'receivedAt',
  'topic',
  'type',
  'source',
  'occurredAt',
  'partitionKey',
  'correlationId',
  'actorAccountId',
  'actorFacilityId',
  'actorProvinceCode',
  'subjectIds',
  'provinceCode',
  'facilityId',
  'payload',
  'maskedFields',
  'prevHash',
  'hash',
  'canonical',
] as const;

/**
 * Writes the entries through `write` (JSONL: manifest-free entry lines then checkpoint lines and the manifest
 * last; CSV: a header row and one row per entry) and returns the manifest, which CSV callers store beside the
 * file.
 */
export async function exportTrail(
  trail: TrailStore,
  signingKey: KeyObject,
  options: ExportOptions,
  write: (chunk: string) => void | Promise<void>,
): Promise<ExportManifest> {
  const publicKey = createPublicKey(signingKey);
  const verification = options.verification
    ? await verifyTrail(trail, options.verification.keys, { ...options.verification.options, now: options.now })
    : await verifyTrail(trail, publicKey, { now: options.now });
  if (!verification.ok) {
    throw ruleBroken(
      'trail_does_not_verify',
      `The trail does not verify, so it is not exported: ${verification.firstMismatch?.message}`,
      verification.firstMismatch,
    );
  }
  let first: TrailEntry | null = null;
  let last: TrailEntry | null = null;
  let count = 0;
  if (options.format === 'csv') await write(stringify([csvColumns as unknown as string[]]));
  // The anchor sequence starts a retention-trimmed trail; a time range starts wherever its first entry is.
  await walkTrail(
    trail,
    { fromSequence: verification.anchor.sequence + 1, fromTime: options.from, toTime: options.to },
    async (entries) => {
      for (const entry of entries) {
        first ??= entry;
        last = entry;
        count++;
        await write(
          options.format === 'csv'
            ? stringify([csvRow(entry)])
            : `${JSON.stringify({ record: 'entry', ...entry })}\n`,
        );
      }
    },
  );

  const all = await trail.checkpoints();
  const chosen = new Map<string, SignedCheckpoint>();
  const keep = (checkpoint: SignedCheckpoint | null | undefined) => {
    if (checkpoint) chosen.set(`${checkpoint.kind}:${checkpoint.sequence}`, checkpoint);
  };
  const lastEntry = last as TrailEntry | null;
  const firstEntry = first as TrailEntry | null;
  if (firstEntry && lastEntry) {
    for (const checkpoint of all)
      if (checkpoint.sequence >= firstEntry.sequence && checkpoint.sequence <= lastEntry.sequence)
        keep(checkpoint);
    const sealed = signCheckpoint(
      'export',
      { sequence: lastEntry.sequence, hash: lastEntry.hash },
      options.now,
      signingKey,
    );
    await (options.recordCheckpoint ? options.recordCheckpoint(sealed) : trail.saveCheckpoint(sealed));
    keep(sealed);
  }
  keep(all.at(-1));
  const checkpoints = [...chosen.values()].sort(
    (a, b) => a.sequence - b.sequence || a.at.localeCompare(b.at),
  );

  const manifest: ExportManifest = {
    record: 'manifest',
    format: exportFormatName,
    exportedAt: options.now.toISOString(),
    range: { from: options.from ?? null, to: options.to ?? null },
    entries: count,
    firstSequence: firstEntry?.sequence ?? null,
    lastSequence: lastEntry?.sequence ?? null,
    anchor: firstEntry ? { sequence: firstEntry.sequence - 1, hash: firstEntry.prevHash } : null,
    lastHash: lastEntry?.hash ?? null,
    hashRule: 'hash = hex(SHA-256(canonical(entry without "hash") + prevHash))',
    signedContent: 'Ed25519 over canonical({"at","hash","kind","sequence"}) of a checkpoint',
    keyId: keyIdOf(publicKey),
    publicKey: publicKeyPem(publicKey),
    checkpoints,
  };
  if (options.format === 'jsonl') {
    for (const checkpoint of checkpoints)
      await write(`${JSON.stringify({ record: 'checkpoint', ...checkpoint })}\n`);
    await write(`${JSON.stringify(manifest)}\n`);
  }
  return manifest;
}

function csvRow(entry: TrailEntry): string[] {
  return [
    String(entry.sequence),
    entry.eventId,
    entry.receivedAt,
    entry.topic,
    entry.type,
    entry.source,
    entry.occurredAt,
    entry.partitionKey,
    entry.correlationId ?? '',
    entry.actor.accountId ?? '',
    entry.actor.facilityId ?? '',
    entry.actor.provinceCode ?? '',
    JSON.stringify(entry.subjectIds),
    entry.provinceCode ?? '',
    entry.facilityId ?? '',
    JSON.stringify(entry.payload),
    JSON.stringify(entry.maskedFields),
    entry.prevHash,
    entry.hash,
    canonicalEntry(entry),
  ];
}

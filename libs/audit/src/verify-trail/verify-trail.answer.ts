/** What GET /audit/verify answers: the verification report of verify-trail.handler.ts, as zod. */
import { z } from 'zod';

const chainHeadSchema = z.object({ sequence: z.number().int().nonnegative(), hash: z.string() });

const signedCheckpointSchema = z.object({
  kind: z.enum(['periodic', 'retention', 'export']),
  sequence: z.number().int().nonnegative(),
  hash: z.string(),
  at: z.string(),
  signature: z.string().describe('Base64 Ed25519 signature'),
  keyId: z.string(),
});

export const trailProblemSchema = z.object({
  reason: z.enum([
    'entry_modified',
    'link_broken',
    'entry_missing',
    'checkpoint_mismatch',
    'checkpoint_signature_invalid',
    'checkpoint_key_unknown',
    'checkpoints_missing',
    'checkpoint_stale',
    'anchor_missing_from_trail',
    'anchor_unreadable',
    'source_event_missing',
    'source_unreadable',
  ]),
  sequence: z.number().int().nullable(),
  eventId: z.string().nullable(),
  message: z.string(),
  expected: z.string().optional(),
  found: z.string().optional(),
  source: z.object({ name: z.string(), position: z.number().int().nullable() }).optional(),
});

const sourceReconciliationSchema = z.object({
  source: z.string(),
  eventsExpected: z.number().int(),
  inTrail: z.number().int(),
  missing: z.number().int(),
  removedByRetention: z.number().int(),
  pending: z.number().int(),
  coveredThrough: z.number().int().nullable(),
  missingEvents: z.array(z.object({ position: z.number().int(), eventId: z.string(), type: z.string(), occurredAt: z.string() })),
});

/** 200 whether or not the trail is intact: `ok` says which, `problems` why not. */
export const trailVerificationReportSchema = z.object({
  ok: z.boolean(),
  anchor: z.object({ kind: z.enum(['genesis', 'retention']), sequence: z.number().int().nonnegative(), hash: z.string() }),
  entriesChecked: z.number().int().nonnegative(),
  head: chainHeadSchema,
  checkpointsChecked: z.number().int().nonnegative(),
  anchorsChecked: z.number().int().nonnegative(),
  anchorFile: z.string().nullable(),
  latestCheckpoint: signedCheckpointSchema.nullable(),
  signingKeyId: z.string().nullable(),
  trustedKeyIds: z.array(z.string()),
  retention: z
    .object({ sequence: z.number().int(), hash: z.string(), at: z.string(), cutoff: z.string().nullable() })
    .nullable(),
  sources: z.array(sourceReconciliationSchema),
  firstMismatch: trailProblemSchema.nullable(),
  problems: z.array(trailProblemSchema),
  verifiedAt: z.string().datetime(),
});

export const trailVerificationReportExample: z.infer<typeof trailVerificationReportSchema> = {
  ok: true,
  anchor: { kind: 'genesis', sequence: 0, hash: '0000000000000000000000000000000000000000000000000000000000000000' },
  entriesChecked: 4182,
  head: { sequence: 4182, hash: '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f' },
  checkpointsChecked: 12,
  anchorsChecked: 12,
  anchorFile: '/var/lib/vaxledger/audit-anchors.jsonl',
  latestCheckpoint: {
    kind: 'periodic',
    sequence: 4180,
    hash: '3b5d7f9a1c3e5b7d9f1a3c5e7b9d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d',
    at: '2026-09-14T08:30:00.000Z',
    signature: 'MEUCIQDx4l1Qm3n5oE0k2b8V6p7Yc9u1h2g3f4e5d6c7b8a9ZQIgY3X2W1V0U9T8S7R6Q5P4O3N2M1L0K9J8I7H6G5F4E3D=',
    keyId: 'a1b2c3d4e5f60718',
  },
  signingKeyId: 'a1b2c3d4e5f60718',
  trustedKeyIds: ['a1b2c3d4e5f60718'],
  retention: null,
  sources: [
    {
      source: 'registry',
      eventsExpected: 2210,
      inTrail: 2208,
      missing: 0,
      removedByRetention: 0,
      pending: 2,
      coveredThrough: 2208,
      missingEvents: [],
    },
  ],
  firstMismatch: null,
  problems: [],
  verifiedAt: '2026-09-14T08:41:00.000Z',
};

import { z } from 'zod';

/** GET /certificates/revocations: the signed list of revoked UVCI hashes. */
export const signedRevocationListAnswer = z.object({
  payload: z.object({
    generatedAt: z.string().datetime(),
    kid: z.string().regex(/^[A-Za-z0-9+/]{11}=$/).describe('The trust-list key that signed the list'),
    hashAlgorithm: z.literal('SHA-256'),
    hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).describe('SHA-256 (hex) of each revoked UVCI, upper-cased; sorted, no repeats'),
  }),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/).describe('ES256 over the UTF-8 JSON of payload as sent: raw r‖s (64 bytes), base64url'),
});
export type SignedRevocationList = z.infer<typeof signedRevocationListAnswer>;

import { z } from 'zod';

/** GET /certificates/trust-list: the current document signer first, then replaced ones still valid. */
export const trustListAnswer = z.object({
  keys: z
    .array(
      z.object({
        kid: z.string().regex(/^[A-Za-z0-9+/]{11}=$/).describe('base64 of the first 8 bytes of SHA-256(DER)'),
        country: z.string().regex(/^[A-Z]{2}$/),
        certificate: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).describe('The X.509 certificate, DER, base64'),
      }),
    )
    .min(1),
});
export type TrustListAnswer = z.infer<typeof trustListAnswer>;

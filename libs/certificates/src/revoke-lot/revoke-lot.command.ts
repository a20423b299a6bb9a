import { z } from 'zod';

/**
 * The reason is trimmed, then needs 3 characters (code points, as JSON Schema counts them: the `u` flag): as
 * sent, two non-whitespace characters at least two apart. Trimming changes nothing of that, so the pattern
 * (unanchored, as the document gives it) holds of the text as sent exactly when it holds of the trimmed text.
 */
export const revokeLotSchema = z.object({ reason: z.string().trim().min(3).max(500).regex(/\S[\s\S]+\S/u) }).strict();
export type RevokeLotInput = z.infer<typeof revokeLotSchema>;
export const lotNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** POST /lots/{lotNumber}/revoke: how many certificates this call revoked; alreadyRevoked for a repeated call. */
export const lotRevokedAnswer = z.object({
  lotNumber: z.string().regex(lotNumberPattern),
  alreadyRevoked: z.boolean(),
  revokedCertificates: z.number().int().min(0),
});
export type LotRevokedAnswer = z.infer<typeof lotRevokedAnswer>;

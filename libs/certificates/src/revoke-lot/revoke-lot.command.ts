import { z } from 'zod';

/**
 * The reason is trimmed, then needs 3 characters: as sent, it holds two non-whitespace characters at least two
 * apart. The pattern (unanchored) says so of the text as sent; on the trimmed text it always holds.
 */
export const revokeLotSchema = z.object({ reason: z.string().trim().min(3).max(500).regex(/\S[\s\S]+\S/) }).strict();
export type RevokeLotInput = z.infer<typeof revokeLotSchema>;
export const lotNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** POST /lots/{lotNumber}/revoke: how many certificates this call revoked; alreadyRevoked for a repeated call. */
export const lotRevokedAnswer = z.object({
  lotNumber: z.string().regex(lotNumberPattern),
  alreadyRevoked: z.boolean(),
  revokedCertificates: z.number().int().min(0),
});
export type LotRevokedAnswer = z.infer<typeof lotRevokedAnswer>;

import { z } from 'zod';

/** What trim() leaves of a text of at least two characters: no whitespace at either end. */
const trimmedText = /^\S[\s\S]*\S$/;

export const revokeLotSchema = z.object({ reason: z.string().trim().min(3).max(500).regex(trimmedText) }).strict();
export type RevokeLotInput = z.infer<typeof revokeLotSchema>;
export const lotNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** POST /lots/{lotNumber}/revoke: how many certificates this call revoked; alreadyRevoked for a repeated call. */
export const lotRevokedAnswer = z.object({
  lotNumber: z.string().regex(lotNumberPattern),
  alreadyRevoked: z.boolean(),
  revokedCertificates: z.number().int().min(0),
});
export type LotRevokedAnswer = z.infer<typeof lotRevokedAnswer>;

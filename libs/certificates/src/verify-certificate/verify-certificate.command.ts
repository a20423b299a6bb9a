import { z } from 'zod';
import { refusalReasons } from '../domain/hcert-rules';

/** A QR code holds at most about 4,000 alphanumeric characters; anything longer is not a certificate. */
export const verifyCertificateSchema = z.object({ hc1: z.string().min(1).max(5000) }).strict();
export type VerifyCertificateInput = z.infer<typeof verifyCertificateSchema>;

/** POST /certificates/verify: the certificate's content when it verifies, the first check it failed otherwise. */
export const certificateVerificationAnswer = z.union([
  z.object({
    valid: z.literal(true),
    payload: z.record(z.string(), z.unknown()).describe('The DCC as signed (eu-dcc-schema 1.3.0)'),
    issuedAt: z.string().datetime().nullable(),
    expiresAt: z.string().datetime(),
    kid: z.string().describe('The trust-list key that signed it'),
  }),
  z.object({
    valid: z.literal(false),
    reason: z.enum(refusalReasons),
    message: z.string(),
  }),
]);
export type CertificateVerificationAnswer = z.infer<typeof certificateVerificationAnswer>;

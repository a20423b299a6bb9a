import { z } from 'zod';
import { certificateIdAnswer, hc1Answer, uvciAnswer } from '../certificate-answers';

/** Nothing to choose: a certificate states the record's latest completed COVID-19 dose. The body may be left out. */
export const issueCertificateSchema = z.object({}).strict();
export type IssueCertificateInput = z.infer<typeof issueCertificateSchema>;

/** POST /subjects/{id}/certificates: the new certificate, with its QR code ready to show or print. */
export const issuedCertificateAnswer = z.object({
  certificateId: certificateIdAnswer,
  uvci: uvciAnswer,
  hc1: hc1Answer,
  qrPng: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).describe('PNG of the QR code (error correction Q), base64'),
  issuedAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
});
export type IssuedCertificateAnswer = z.infer<typeof issuedCertificateAnswer>;

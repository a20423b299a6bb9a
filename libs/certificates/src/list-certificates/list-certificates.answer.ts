import { z } from 'zod';
import { certificateListItemAnswer } from '../certificate-answers';

/** GET /subjects/{id}/certificates: every certificate of the subject, newest first. */
export const certificateListAnswer = z.object({ items: z.array(certificateListItemAnswer) });
export type CertificateListAnswer = z.infer<typeof certificateListAnswer>;

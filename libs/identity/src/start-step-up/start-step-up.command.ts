import { typedText } from '@vaxledger/kernel';
import { stepUpFields } from '@vaxledger/auth';
import { z } from 'zod';

/** A step-up is asked for one subject, and optionally only some of its sensitive fields (R6). */
export const startStepUpSchema = z.object({
  subjectId: typedText(64).describe('The subject the step-up token will be bound to'),
  fields: z
    .array(z.enum(stepUpFields))
    .min(1)
    .max(stepUpFields.length)
    // A field named twice is named once.
    .transform((fields) => [...new Set(fields)])
    .optional()
    .describe('Only these sensitive fields; without it the token covers every sensitive field of the subject'),
});
export type StartStepUpCommand = z.infer<typeof startStepUpSchema>;

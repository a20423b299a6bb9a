import { stepUpFields } from '@vaxledger/auth';
import { z } from 'zod';
import { typedText } from '../sessions/typed-text';

/** A step-up is asked for one subject, and optionally only some of its sensitive fields (R6). */
export const startStepUpSchema = z.object({
  subjectId: typedText(64).describe('The subject the step-up token will be bound to'),
  fields: z
    .array(z.enum(stepUpFields))
    .min(1)
    .max(stepUpFields.length)
    .refine((fields) => new Set(fields).size === fields.length, 'fields must not repeat')
    .optional()
    .describe('Only these sensitive fields, each at most once; without it the token covers every sensitive field of the subject'),
});
export type StartStepUpCommand = z.infer<typeof startStepUpSchema>;

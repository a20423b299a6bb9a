import { trimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const reactionSeverities = ['mild', 'moderate', 'severe', 'serious'] as const;
export const reactionOutcomes = ['recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal', 'unknown'] as const;

export const reportReactionSchema = z
  .object({
    onsetAt: z.string().datetime({ offset: true }),
    severity: z.enum(reactionSeverities).describe('"serious" as in the AEFI definition (hospitalisation, disability, death)'),
    description: trimmedText(3, 2000),
    outcome: z.enum(reactionOutcomes),
  })
  .strict();

export type ReportReactionInput = z.infer<typeof reportReactionSchema>;

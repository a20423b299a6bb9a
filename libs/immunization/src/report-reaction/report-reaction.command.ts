import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const reactionSeverities = ['mild', 'moderate', 'severe', 'serious'] as const;
export const reactionOutcomes = ['recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal', 'unknown'] as const;

export const reportReactionSchema = z
  .object({
    onsetAt: z.string().datetime({ offset: true }),
    severity: z.enum(reactionSeverities),
    description: z.string().trim().min(3).max(2000),
    outcome: z.enum(reactionOutcomes),
  })
  .strict();

export type ReportReactionInput = z.infer<typeof reportReactionSchema>;

export const reportReactionBodySchema: SchemaObject = {
  type: 'object',
  required: ['onsetAt', 'severity', 'description', 'outcome'],
  additionalProperties: false,
  properties: {
    onsetAt: { type: 'string', format: 'date-time', example: '2021-08-02T20:00:00+07:00' },
    severity: { type: 'string', enum: [...reactionSeverities], description: '"serious" as in the AEFI definition (hospitalisation, disability, death)' },
    description: { type: 'string', example: 'Fever 39°C and injection-site swelling' },
    outcome: { type: 'string', enum: [...reactionOutcomes] },
  },
};

import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const unmergeSubjectsSchema = z.object({ duplicateSubjectId: z.string().min(1).max(100) }).strict();

export const unmergeSubjectsOpenApi: SchemaObject = {
  type: 'object',
  required: ['duplicateSubjectId'],
  properties: { duplicateSubjectId: { type: 'string', description: 'The record that is merged into (or released from) this one' } },
};

import { z } from 'zod';

export const mergeSubjectsSchema = z
  .object({ duplicateSubjectId: z.string().min(1).max(100).describe('The record that is merged into this one') })
  .strict();

/** 200: the surviving record and the one merged into it. */
export const subjectsMergedSchema = z.object({ subjectId: z.string(), mergedSubjectId: z.string() });

import { z } from 'zod';

export const unmergeSubjectsSchema = z
  .object({ duplicateSubjectId: z.string().min(1).max(100).describe('The record that is released from this one') })
  .strict();

/** 200: the former survivor and the record released from it. */
export const subjectsUnmergedSchema = z.object({ subjectId: z.string(), unmergedSubjectId: z.string() });

import { validationError } from '@vaxledger/kernel';
import type { ZodError, ZodTypeAny, z } from 'zod';

/** What a zod failure says, field by field, as the `details` of a `{ error, message, details }` answer. */
export function fieldProblems(error: ZodError): Array<{ field: string; problem: string }> {
  return error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message }));
}

/** Parses a request body or query with a zod schema; a failure is a 400 naming each bad field. */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  // No body at all reads as an empty one; a JSON `null` is a value, and the schema judges it.
  const result = schema.safeParse(input === undefined ? {} : input);
  if (result.success) return result.data;
  throw validationError('validation_failed', 'The request is not valid.', fieldProblems(result.error));
}

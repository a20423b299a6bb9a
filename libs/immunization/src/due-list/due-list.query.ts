import { calendarDate, validationError } from '@vaxledger/kernel';
import { z } from 'zod';

export const dueListQuerySchema = z
  .object({
    on: calendarDate,
    status: z.enum(['due', 'overdue']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `next` of the previous page: `<overdueFrom>|<subjectId>|<seriesGroup>`. */
    after: z
      .string()
      .max(200)
      .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}\|[A-Za-z0-9-]{1,64}\|[a-z0-9-]{1,40}$/, 'must be the next value of a previous page')
      .optional(),
  })
  .strict();

export type DueListQuery = z.infer<typeof dueListQuerySchema>;

/** A bad query is `400 due_query_invalid`, naming each field. */
export function parseDueListQuery(input: unknown): DueListQuery {
  const result = dueListQuerySchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw validationError(
    'due_query_invalid',
    'The due-list query is not valid: on=YYYY-MM-DD is required; status is due or overdue; limit 1 to 200; after is a previous page\'s next.',
    result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'query', problem: issue.message })),
  );
}

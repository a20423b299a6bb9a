import { z } from 'zod';

/** GET /facilities/{facilityId}/due: one page, ordered by the day the dose becomes overdue. */
export const dueListAnswer = z.object({
  facilityId: z.string(),
  on: z.string(),
  items: z.array(
    z.object({
      subjectId: z.string(),
      /** The name as search shows it; null when registry has not shared it. */
      fullName: z.string().nullable(),
      seriesGroup: z.string(),
      nextDoseNumber: z.number().int().min(1),
      vaccineCode: z.string(),
      booster: z.boolean(),
      earliest: z.string(),
      recommended: z.string(),
      overdueFrom: z.string(),
      status: z.enum(['due', 'overdue']),
      /** Why the subject is on this facility's list. */
      via: z.enum(['managed', 'booked']),
      bookedOn: z.string().nullable(),
    }),
  ),
  /** Pass as `after` for the next page; null on the last. */
  next: z.string().nullable(),
});

export type DueListAnswer = z.infer<typeof dueListAnswer>;

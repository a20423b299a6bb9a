import { z } from 'zod';

const id = z.string().trim().min(1).max(200);
const dateOrTime = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) ||
      (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))),
    {
      message: 'expected a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset',
    },
  );

/** `GET /api/v1/audit/events` query string. Dates without a time are whole UTC days. */
export const queryAuditEventsSchema = z
  .object({
    actorId: id.optional(),
    subjectId: id.optional(),
    type: z.string().trim().min(1).max(200).optional(),
    facilityId: id.optional(),
    provinceCode: z.string().trim().min(1).max(20).optional(),
    from: dateOrTime.optional(),
    to: dateOrTime.optional(),
    cursor: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export type QueryAuditEvents = z.infer<typeof queryAuditEventsSchema>;

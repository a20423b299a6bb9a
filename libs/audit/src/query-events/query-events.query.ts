import { dateOrInstantPattern, trimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

/** What `nextCursor` looks like: a version and the sequence to continue below. */
export const cursorPattern = /^v1\.([0-9]{1,15})$/;

const id = trimmedText(1, 200);
const dateOrTime = z
  .string()
  .regex(dateOrInstantPattern, 'expected a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset')
  .describe('YYYY-MM-DD (a whole UTC day) or an ISO 8601 timestamp with offset');

/** `GET /api/v1/audit/events` query string. Dates without a time are whole UTC days. */
export const queryAuditEventsSchema = z
  .object({
    actorId: id.optional().describe('The account that acted'),
    subjectId: id.optional().describe('Events about this subject; asking is itself recorded in the trail'),
    type: trimmedText(1, 200).optional().describe('CloudEvent type, e.g. vaxledger.access.recorded'),
    facilityId: id.optional(),
    provinceCode: trimmedText(1, 20).optional(),
    from: dateOrTime.optional(),
    to: dateOrTime.optional(),
    cursor: z.string().regex(cursorPattern, 'must be the nextCursor of a previous page').optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('1 to 500'),
  })
  .strict();

export type QueryAuditEvents = z.infer<typeof queryAuditEventsSchema>;

const nullableText = z.string().nullable();

/** One trail event as the audit API shows it (derived from the trail entry itself). */
export const auditEventItemSchema = z.object({
  sequence: z.number().int().nonnegative(),
  eventId: z.string(),
  type: z.string().describe('CloudEvent type, e.g. vaxledger.access.recorded'),
  topic: z.string(),
  action: nullableText.describe('For access records: what was done, e.g. subject.read'),
  occurredAt: z.string(),
  receivedAt: z.string(),
  actor: z.object({ accountId: nullableText, facilityId: nullableText, provinceCode: nullableText }),
  subjectIds: z.array(z.string()),
  facilityId: nullableText,
  provinceCode: nullableText,
  outcome: nullableText,
  purpose: nullableText,
  origin: z.object({ ip: nullableText, userAgent: nullableText }).nullable(),
  fieldsTouched: z.array(z.string()).describe('Names only; values are never kept.'),
  details: z.record(z.unknown()).describe('The event data as the trail keeps it: ids, codes, outcome, origin.'),
});

/** 200: one page, newest first. */
export const auditEventsPageSchema = z.object({
  items: z.array(auditEventItemSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
});

export const auditEventsPageExample: z.infer<typeof auditEventsPageSchema> = {
  items: [
    {
      sequence: 4182,
      eventId: '01936f42-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      type: 'vaxledger.access.recorded',
      topic: 'vaxledger.audit.access.v1',
      action: 'subject.read',
      occurredAt: '2026-09-14T08:40:12.000Z',
      receivedAt: '2026-09-14T08:40:12.120Z',
      actor: { accountId: 'acc-nguyen-thi-lan', facilityId: 'fac-hn-cau-giay', provinceCode: '01' },
      subjectIds: ['01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a'],
      facilityId: 'fac-hn-cau-giay',
      provinceCode: '01',
      outcome: 'allowed',
      purpose: 'vaccination',
      origin: { ip: '10.0.12.34', userAgent: 'Mozilla/5.0' },
      fieldsTouched: [],
      details: { action: 'subject.read', role: 'staff' },
    },
  ],
  nextCursor: 'djE6NDE4Mg',
};

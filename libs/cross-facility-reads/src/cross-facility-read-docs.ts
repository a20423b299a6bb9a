/** How the rule is told in each service's OpenAPI document: one text, used by every route it applies to. */
import { purposeHeader, readPurposes } from './read-purposes';

export const crossFacilityReadDocs = {
  purposeHeader: {
    name: purposeHeader,
    required: false,
    description: `Why the record is read; kept in the access record. Required (one of ${readPurposes.join(', ')}) when the subject is not managed by your facility; optional for your own facility's subjects.`,
    schema: { type: 'string' as const, enum: [...readPurposes] },
  },
  badRequest:
    'purpose_required: the subject is managed by another facility and X-Purpose is missing; purpose_invalid: X-Purpose is not one of vaccination, correction, transfer, audit, other',
  tooManyRequests:
    'rate_limited (Retry-After header, details.retryAfterSeconds): the hourly quota of reads of other facilities’ records (CROSS_FACILITY_READS_PER_HOUR, default 300) is used up',
};

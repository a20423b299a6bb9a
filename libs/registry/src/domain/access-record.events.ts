/**
 * R8: every search and every read of a person's record is itself recorded. Access records are events of the
 * registry's own log (`access-log-<date>` streams), so the relay publishes them at least once to the audit
 * topic; a crash after the answer was sent cannot lose one. They carry ids and codes, never search terms.
 */
import type { DomainEvent } from '@vaxledger/kernel';

export const accessActions = ['subject.search', 'subject.read', 'subject.history.read', 'subject.list'] as const;
export type AccessAction = (typeof accessActions)[number];

export type SubjectAccessRecorded = DomainEvent<
  'SubjectAccessRecorded',
  {
    action: AccessAction;
    subjectIds: string[];
    accountId: string;
    role: string;
    facilityId: string | null;
    provinceCode: string | null;
    /** From `X-Purpose`; null when the client gave none. */
    purpose: string | null;
    /** Which pair of criteria a search used (`fullName+phone` / `fullName+idNumber`), never their values. */
    criteria: string | null;
    resultCount: number;
  }
>;

export const accessLogStreamId = (calendarDate: string) => `access-log-${calendarDate}`;

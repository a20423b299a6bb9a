/**
 * R8: every search and every read of a person's record is itself recorded. Access records are events of the
 * registry's own log (`access-log-<date>` streams), so the relay publishes them at least once to the audit
 * topic; a crash after the answer was sent cannot lose one. They carry ids and codes, never search terms.
 */
import type { DomainEvent } from '@vaxledger/kernel';

/**
 * `subject.transfer.accept` (outcome `denied`) is found only in records written before refusals became
 * `vaxledger.access.denied` events (AccessDenials of @vaxledger/auth); a refused take-over is one of those now.
 * `subject.lookup`: a registration or ID-document change answered 409 because the number is taken. It told the
 * caller that the number exists, so it is recorded (and counted) like a search by that number.
 */
export const accessActions = [
  'subject.search',
  'subject.read',
  'subject.history.read',
  'subject.list',
  'subject.lookup',
  'subject.transfer.accept',
] as const;
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
    /**
     * For `subject.lookup`: the keyed hash (HMAC) of the ID number that was tried, as the search read model keys
     * it, so an investigator can tell which record was probed. Never the number. Absent on older records.
     */
    idNumberKey?: string | null;
    /** Set on refused take-overs recorded before denials had their own event: `denied`, with the code as `reason`. */
    outcome?: 'denied';
    reason?: string;
  }
>;

export const accessLogStreamId = (calendarDate: string) => `access-log-${calendarDate}`;

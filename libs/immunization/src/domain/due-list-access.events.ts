/**
 * A read of a facility's due list (R8): who looked at which subjects' next doses. Appended to stream
 * `due-list-access-<facilityId>` before the answer goes out; the relay takes it to audit.
 */
import type { DomainEvent } from '@vaxledger/kernel';

export type DueListRead = DomainEvent<
  'DueListRead',
  {
    facilityId: string;
    subjectIds: string[];
    on: string;
    status: 'due' | 'overdue' | null;
    accountId: string;
    role: string;
    actorFacilityId: string | null;
    actorProvinceCode: string | null;
    purpose: string | null;
    ip: string;
    userAgent: string;
  }
>;

export const dueListAccessStreamId = (facilityId: string) => `due-list-access-${facilityId}`;

/**
 * Reads of staff data (accounts and account requests carry names, phones, e-mails) are audited like reads of
 * subjects (R8): an access record is appended to identity's own log BEFORE the data is handed out, and the
 * relay publishes it to `vaxledger.audit.access.v1` at least once, so a crash cannot lose it. The record names
 * who read, which ids, when, from where and why — never the names, phones or e-mails themselves.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type EventStore, withMetadata } from '@vaxledger/kernel';

export type StaffDataAction =
  | 'identity.account.list'
  | 'identity.account.read'
  | 'identity.account_request.list'
  | 'identity.account_request.read';

export interface StaffDataAccessRecorded {
  type: 'StaffDataAccessRecorded';
  data: {
    action: StaffDataAction;
    accountId: string;
    role: string;
    facilityId: string | null;
    provinceCode: string | null;
    /** The accounts whose data was handed out. */
    accountIds: string[];
    /** The account requests handed out. */
    requestIds: string[];
    /** The filter of a listing (codes and ids only), or null. */
    criteria: string | null;
    purpose: string | null;
    ip: string;
    userAgent: string;
    resultCount: number;
  };
}

export const staffDataAccessStream = (day: string) => `staff-data-access-${day}`;

export class StaffDataAccessLog {
  constructor(private readonly store: EventStore) {}

  async record(
    principal: Principal,
    origin: RequestOrigin,
    now: Date,
    access: { action: StaffDataAction; accountIds?: string[]; requestIds?: string[]; criteria?: string | null },
  ): Promise<void> {
    const accountIds = [...new Set(access.accountIds ?? [])];
    const requestIds = [...new Set(access.requestIds ?? [])];
    const event: StaffDataAccessRecorded = {
      type: 'StaffDataAccessRecorded',
      data: {
        action: access.action,
        accountId: principal.accountId,
        role: principal.role,
        facilityId: principal.facilityId,
        provinceCode: principal.provinceCode,
        accountIds,
        requestIds,
        criteria: access.criteria ?? null,
        purpose: origin.purpose,
        ip: origin.ip,
        userAgent: origin.userAgent,
        resultCount: accountIds.length + requestIds.length,
      },
    };
    const meta = {
      actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
      now,
      correlationId: origin.correlationId,
    };
    // One stream per UTC day, appended without a revision check: records of many readers never conflict.
    await this.store.append(staffDataAccessStream(now.toISOString().slice(0, 10)), withMetadata([event], meta), 'any');
  }
}

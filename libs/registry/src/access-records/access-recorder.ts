/**
 * Appends an access record (R8) to the registry's own log before the data is handed out. The relay then
 * publishes it to `vaxledger.audit.access.v1` at least once, so a crash cannot lose it.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { withMetadata, type EventStore } from '@vaxledger/kernel';
import { accessLogStreamId, type AccessAction, type SubjectAccessRecorded } from '../domain/access-record.events';
import { calendarDateInVietnam } from '../domain/vietnam-calendar';

export interface AccessDescription {
  action: AccessAction;
  subjectIds: string[];
  criteria?: string | null;
  /** The purpose to keep when the handler validated it; otherwise the raw `X-Purpose` of the request. */
  purpose?: string | null;
  idNumberKey?: string | null;
}

export class AccessRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly onAppended?: (count: number) => void,
  ) {}

  async record(principal: Principal, origin: RequestOrigin, now: Date, access: AccessDescription): Promise<void> {
    const subjectIds = [...new Set(access.subjectIds)];
    const event: SubjectAccessRecorded = {
      type: 'SubjectAccessRecorded',
      data: {
        action: access.action,
        subjectIds,
        accountId: principal.accountId,
        role: principal.role,
        facilityId: principal.facilityId,
        provinceCode: principal.provinceCode,
        purpose: access.purpose !== undefined ? access.purpose : origin.purpose,
        criteria: access.criteria ?? null,
        resultCount: subjectIds.length,
        ...(access.idNumberKey ? { idNumberKey: access.idNumberKey } : {}),
      },
    };
    const meta = {
      actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
      now,
      correlationId: origin.correlationId,
    };
    // One stream per day, appended without a revision check: records of many readers never conflict.
    await this.store.append(accessLogStreamId(calendarDateInVietnam(now)), withMetadata([event], meta), 'any');
    this.onAppended?.(1);
  }
}

/** Appends an access record for every read of a subject's immunization record (R8); the relay takes it to audit. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock, type EventStore, withMetadata } from '@vaxledger/kernel';
import { type ImmunizationRecordRead, recordAccessStreamId } from '../domain/record-access.events';

export class RecordAccessLog {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the record is durable: a read that cannot be audited is not answered. */
  async recordRead(
    principal: Principal,
    origin: RequestOrigin,
    subjectId: string,
    view: ImmunizationRecordRead['data']['view'],
    /** The validated purpose (CrossFacilityReadGate); the raw header is never kept. */
    purpose: string | null,
  ): Promise<void> {
    const event: ImmunizationRecordRead = {
      type: 'ImmunizationRecordRead',
      data: {
        subjectId,
        accountId: principal.accountId,
        role: principal.role,
        facilityId: principal.facilityId,
        provinceCode: principal.provinceCode,
        view,
        purpose,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
    };
    // Reads never conflict with one another: any revision will do.
    await this.eventStore.append(recordAccessStreamId(subjectId), withMetadata([event], commandMetadata(principal, origin, this.clock.now())), 'any');
  }
}

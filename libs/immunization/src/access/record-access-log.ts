/** Appends an access record for every read of a subject's immunization record (R8); the relay takes it to audit. */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { withMetadata } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { commandMetadata } from '../command-metadata';
import { type ImmunizationRecordRead, recordAccessStreamId } from '../domain/record-access.events';

@Injectable()
export class RecordAccessLog {
  constructor(@Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure) {}

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
    await this.infra.eventStore.append(recordAccessStreamId(subjectId), withMetadata([event], commandMetadata(principal, origin, this.infra.clock.now())), 'any');
  }
}

/** Appends an access record for every read of certificates and every citizen look-up (R8); the relay takes it to audit. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type Clock, type EventStore, withMetadata } from '@vaxledger/kernel';
import { type CertificateAccessAction, type CertificateAccessRecorded, certificateAccessStreamId } from './domain/certificate-access.events';

export class CertificateAccessLog {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Resolves once durable: a read that cannot be audited is not answered. */
  async record(
    who: Pick<Principal, 'accountId' | 'facilityId' | 'provinceCode'> & { role: Principal['role'] | 'citizen' },
    origin: RequestOrigin,
    action: CertificateAccessAction,
    subjectIds: string[],
    outcome: string | null = null,
  ): Promise<void> {
    const event: CertificateAccessRecorded = {
      type: 'CertificateAccessRecorded',
      data: {
        action,
        accountId: who.accountId,
        role: who.role,
        facilityId: who.facilityId,
        provinceCode: who.provinceCode,
        subjectIds,
        purpose: origin.purpose,
        outcome,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
    };
    const meta = {
      actor: { accountId: who.accountId, facilityId: who.facilityId, provinceCode: who.provinceCode },
      now: this.clock.now(),
      correlationId: origin.correlationId,
    };
    await this.eventStore.append(certificateAccessStreamId(subjectIds[0] ?? 'citizen'), withMetadata([event], meta), 'any');
  }
}

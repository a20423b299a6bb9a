/**
 * Distributed mode: registry's holder feed (`vaxledger.registry.holder.v1`) into the holder read model, and,
 * in the same handler and after it, the certificate revisions the change calls for (a corrected name or birth
 * date, a merge, an unmerge). One consumer, one message at a time per subject: a reissue never reads the
 * holder as it was before the change that caused it.
 */
import { EventPattern } from '@nestjs/microservices';
import { registryEventTypes, registryHolderEventTypes, Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import type { CertificateRecords } from '../certificate-records';
import { reviseCertificatesFor } from '../lifecycle/certificate-lifecycle.consumer';
import type { ProjectedHolderDirectory } from './projected-holder-directory';

/** The registry subject change a holder message states, as the lifecycle reads it (same data fields). */
const asSubjectChange: Readonly<Record<string, string>> = {
  [registryHolderEventTypes.updated]: registryEventTypes.updated,
  [registryHolderEventTypes.merged]: registryEventTypes.merged,
  [registryHolderEventTypes.unmerged]: registryEventTypes.unmerged,
};

export class CertificateHolderFeedConsumer {
  constructor(
    private readonly holders: ProjectedHolderDirectory,
    private readonly records: CertificateRecords,
  ) {}

  @EventPattern(Topics.registryHolder, { group: 'certificate-holders' })
  async handle(message: CloudEvent): Promise<void> {
    await this.holders.apply(message);
    const type = asSubjectChange[message.type];
    // Revised even when the read model already held this change (a redelivery): revising is idempotent, and
    // a crash between the two steps must not leave the certificates unrevised.
    if (type) await reviseCertificatesFor(this.records, { ...message, type });
  }
}

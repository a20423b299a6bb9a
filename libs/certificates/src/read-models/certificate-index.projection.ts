/**
 * Every certificate by id with its UVCI hash, lot, status and holder id (no names): the revocation list reads
 * the revoked hashes from it, lot revocation finds the certificates resting on a lot.
 */
import type { CollectionDefinition, Projection, ReadModelCollection, ReadModelDocument, ReadModelStore, RecordedEvent } from '@vaxledger/kernel';
import type { CertificateIssued, CertificateRevoked } from '../domain/certificate-record.events';

export interface CertificateIndexView extends ReadModelDocument {
  id: string;
  subjectId: string;
  uvciHash: string;
  lotNumber: string;
  status: 'valid' | 'revoked';
  issuedAt: string;
  revokedAt: string | null;
}

export const certificateIndexCollection: CollectionDefinition = {
  name: 'certificate_index',
  indexes: [{ fields: ['status'] }, { fields: ['lotNumber', 'status'] }, { fields: ['subjectId'] }],
};

export async function certificateIndex(store: ReadModelStore): Promise<ReadModelCollection<CertificateIndexView>> {
  return store.collection<CertificateIndexView>(certificateIndexCollection);
}

export class CertificateIndexProjection implements Projection {
  readonly name = 'certificates-index';
  readonly handles: ReadonlySet<string> = new Set(['CertificateIssued', 'CertificateRevoked']);

  constructor(private readonly store: ReadModelStore) {}

  async apply(event: RecordedEvent): Promise<void> {
    const index = await certificateIndex(this.store);
    if (event.type === 'CertificateIssued') {
      const data = (event as unknown as CertificateIssued).data;
      await index.upsert(
        { id: data.certificateId, subjectId: data.subjectId, uvciHash: data.uvciHash, lotNumber: data.lotNumber, status: 'valid', issuedAt: data.issuedAt, revokedAt: null },
        event.position,
      );
    } else if (event.type === 'CertificateRevoked') {
      const data = (event as unknown as CertificateRevoked).data;
      const current = await index.get(data.certificateId);
      if (current) await index.upsert({ ...current, status: 'revoked', revokedAt: data.revokedAt }, event.position);
    }
  }

  async reset(): Promise<void> {
    await (await certificateIndex(this.store)).clear();
  }
}

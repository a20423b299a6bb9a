/**
 * Uniqueness of ID documents on the write side: one stream per document, `id-document-<HMAC hex>`, whose
 * events say which subject holds the document. The stream name is a keyed hash, never the number itself.
 */
import type { DomainEvent } from '@vaxledger/kernel';
import type { IdDocumentType } from './subject-profile';

export type IdDocumentReserved = DomainEvent<
  'IdDocumentReserved',
  { subjectId: string; documentType: IdDocumentType }
>;

export type IdDocumentReleased = DomainEvent<
  'IdDocumentReleased',
  {
    subjectId: string;
    /** `document_changed`: the holder moved to another document; `stale`: a crashed change left it behind. */
    reason: 'document_changed' | 'stale';
  }
>;

export type IdDocumentReservationEvent = IdDocumentReserved | IdDocumentReleased;

export const idDocumentReservationEventTypes: ReadonlySet<IdDocumentReservationEvent['type']> = new Set([
  'IdDocumentReserved',
  'IdDocumentReleased',
]);

/** `documentKey` is the hex HMAC of `type:number` under the lookup key. */
export const idDocumentStreamId = (documentKey: string) => `id-document-${documentKey}`;

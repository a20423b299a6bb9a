import { deciderSpec } from '@vaxledger/kernel';
import { documentHeldCode, idDocumentReservationDecider } from './id-document-reservation.decider';
import type { IdDocumentReservationEvent } from './id-document-reservation.events';

const spec = deciderSpec(idDocumentReservationDecider);
const reservedBy = (subjectId: string): IdDocumentReservationEvent => ({
  type: 'IdDocumentReserved',
  data: { subjectId, documentType: 'CCCD' },
});

describe('the ID document reservation decider', () => {
  it('reserves a free document for a subject', () => {
    spec.given([]).when({ type: 'ReserveIdDocument', subjectId: 's1', documentType: 'CCCD' }).then([reservedBy('s1')]);
  });

  it('treats a repeated reservation by the same subject as already done', () => {
    spec.given([reservedBy('s1')]).when({ type: 'ReserveIdDocument', subjectId: 's1', documentType: 'CCCD' }).then([]);
  });

  it('refuses a document held by another subject and says (internally) who holds it', () => {
    const error = spec
      .given([reservedBy('s1')])
      .when({ type: 'ReserveIdDocument', subjectId: 's2', documentType: 'CCCD' })
      .thenThrows(documentHeldCode);
    expect(error.details).toEqual({ holderSubjectId: 's1' });
  });

  it('frees a document when its holder releases it, and ignores a release by anyone else', () => {
    spec.given([reservedBy('s1')]).when({ type: 'ReleaseIdDocument', subjectId: 's2' }).then([]);
    spec
      .given([reservedBy('s1')])
      .when({ type: 'ReleaseIdDocument', subjectId: 's1' })
      .then([{ type: 'IdDocumentReleased', data: { subjectId: 's1', reason: 'document_changed' } }]);
    spec
      .given([reservedBy('s1'), { type: 'IdDocumentReleased', data: { subjectId: 's1', reason: 'document_changed' } }])
      .when({ type: 'ReserveIdDocument', subjectId: 's2', documentType: 'CCCD' })
      .then([reservedBy('s2')]);
  });

  it('takes over a stale reservation only from the holder it was judged stale for', () => {
    spec
      .given([reservedBy('s1')])
      .when({ type: 'ReclaimIdDocument', subjectId: 's2', documentType: 'CCCD', staleHolderSubjectId: 's1' })
      .then([{ type: 'IdDocumentReleased', data: { subjectId: 's1', reason: 'stale' } }, reservedBy('s2')]);
    spec
      .given([reservedBy('s3')])
      .when({ type: 'ReclaimIdDocument', subjectId: 's2', documentType: 'CCCD', staleHolderSubjectId: 's1' })
      .thenThrows(documentHeldCode);
  });
});

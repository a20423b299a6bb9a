/** Who holds an ID document. Pure; the stream per document makes the append's expected revision the lock. */
import { conflict, type Decider } from '@vaxledger/kernel';
import type { IdDocumentReservationEvent } from './id-document-reservation.events';
import type { IdDocumentType } from './subject-profile';

export interface IdDocumentReservationState {
  holderSubjectId: string | null;
}

export type IdDocumentReservationCommand =
  | { type: 'ReserveIdDocument'; subjectId: string; documentType: IdDocumentType }
  /** Takes over a reservation whose holder no longer carries this document (a change that crashed half-way). */
  | { type: 'ReclaimIdDocument'; subjectId: string; documentType: IdDocumentType; staleHolderSubjectId: string }
  | { type: 'ReleaseIdDocument'; subjectId: string };

/**
 * Internal: the handler turns it into `subject_already_registered` naming only the managing facility.
 * The holder's subject id never reaches the client (it would let an ID number alone find a record, R7).
 */
export const documentHeldCode = 'id_document_held';
export const documentHeld = (holderSubjectId: string) =>
  conflict(documentHeldCode, 'This ID document is held by another subject.', { holderSubjectId });

function decide(command: IdDocumentReservationCommand, state: IdDocumentReservationState): IdDocumentReservationEvent[] {
  switch (command.type) {
    case 'ReserveIdDocument':
      if (state.holderSubjectId === command.subjectId) return [];
      if (state.holderSubjectId !== null) throw documentHeld(state.holderSubjectId);
      return [{ type: 'IdDocumentReserved', data: { subjectId: command.subjectId, documentType: command.documentType } }];
    case 'ReclaimIdDocument':
      if (state.holderSubjectId === command.subjectId) return [];
      if (state.holderSubjectId !== null && state.holderSubjectId !== command.staleHolderSubjectId) {
        throw documentHeld(state.holderSubjectId);
      }
      return [
        ...(state.holderSubjectId !== null
          ? [{ type: 'IdDocumentReleased' as const, data: { subjectId: state.holderSubjectId, reason: 'stale' as const } }]
          : []),
        { type: 'IdDocumentReserved', data: { subjectId: command.subjectId, documentType: command.documentType } },
      ];
    case 'ReleaseIdDocument':
      if (state.holderSubjectId !== command.subjectId) return [];
      return [{ type: 'IdDocumentReleased', data: { subjectId: command.subjectId, reason: 'document_changed' } }];
  }
}

function evolve(state: IdDocumentReservationState, event: IdDocumentReservationEvent): IdDocumentReservationState {
  switch (event.type) {
    case 'IdDocumentReserved':
      return { holderSubjectId: event.data.subjectId };
    case 'IdDocumentReleased':
      return state.holderSubjectId === event.data.subjectId ? { holderSubjectId: null } : state;
    default:
      return state;
  }
}

export const idDocumentReservationDecider: Decider<
  IdDocumentReservationCommand,
  IdDocumentReservationState,
  IdDocumentReservationEvent
> = {
  initialState: () => ({ holderSubjectId: null }),
  decide,
  evolve,
};

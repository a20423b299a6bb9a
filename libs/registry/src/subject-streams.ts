/**
 * The registry's write side: subject streams and ID-document reservation streams, and the one procedure that
 * keeps "one subject per ID document" true across both without a multi-stream transaction.
 *
 * Registration reserves the document first (the reservation event names the new subject id), then creates the
 * subject stream. If the process dies in between, the reservation points at a subject stream that does not
 * exist yet; a retry with the same document adopts that subject id and completes the registration.
 * A document change reserves the new document, records the change, then releases the old one; a crash in
 * between leaves a reservation whose holder no longer carries that document ("stale"), which the next claimant
 * takes over once it is older than `staleReservationGraceMs` (younger ones may belong to a change in flight).
 */
import {
  CommandHandler,
  type CommandMetadata,
  type EventStore,
  type HandleResult,
  type RecordedEvent,
} from '@vaxledger/kernel';
import {
  documentHeldCode,
  idDocumentReservationDecider,
  type IdDocumentReservationCommand,
  type IdDocumentReservationState,
} from './domain/id-document-reservation.decider';
import { idDocumentStreamId, type IdDocumentReservationEvent } from './domain/id-document-reservation.events';
import { isDomainError, subjectAlreadyRegistered, subjectNotFound } from './domain/registry-errors';
import { subjectDecider, type SubjectCommand, type SubjectState } from './domain/subject.decider';
import { subjectStreamId, type SubjectEvent } from './domain/subject.events';
import type { IdDocument } from './domain/subject-profile';
import type { LookupHasher } from './privacy/lookup-hasher';

export interface LoadedSubject {
  state: SubjectState;
  events: RecordedEvent[];
}

const subjectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Registration adopts a reservation whose subject was never created; a document change never does. */
export type ReservationPurpose = 'register' | 'change';

export class SubjectStreams {
  readonly subjects: CommandHandler<SubjectCommand, SubjectState, SubjectEvent>;
  private readonly reservations: CommandHandler<
    IdDocumentReservationCommand,
    IdDocumentReservationState,
    IdDocumentReservationEvent
  >;

  constructor(
    readonly store: EventStore,
    private readonly hasher: LookupHasher,
    private readonly options: { staleReservationGraceMs?: number; onAppended?: (count: number) => void } = {},
  ) {
    this.subjects = new CommandHandler(store, subjectDecider);
    this.reservations = new CommandHandler(store, idDocumentReservationDecider);
  }

  /** An id that is not a UUID names no subject: it is answered as unknown without touching the store. */
  async load(subjectId: string): Promise<LoadedSubject> {
    if (!subjectIdPattern.test(subjectId)) return { state: subjectDecider.initialState(), events: [] };
    const { state, events } = await this.subjects.load(subjectStreamId(subjectId));
    return { state, events };
  }

  /** Two registered subjects (a survivor and its duplicate), or subject_not_found. */
  async loadPair(survivorId: string, duplicateId: string): Promise<[SubjectState, SubjectState]> {
    const [survivor, duplicate] = await Promise.all([this.load(survivorId), this.load(duplicateId)]);
    if (survivor.state.status === 'unregistered' || duplicate.state.status === 'unregistered') throw subjectNotFound();
    return [survivor.state, duplicate.state];
  }

  async handle(subjectId: string, command: SubjectCommand, meta: CommandMetadata): Promise<HandleResult<SubjectState, SubjectEvent>> {
    const result = await this.subjects.handle(subjectStreamId(subjectId), command, meta);
    if (result.events.length) this.options.onAppended?.(result.events.length);
    return result;
  }

  documentStreamOf(document: IdDocument): string {
    return idDocumentStreamId(this.hasher.documentKey(document.type, document.number));
  }

  /**
   * Makes `subjectId` the holder of the document and returns the subject id the caller must use: its own, or,
   * when registering, the id of an interrupted registration of the same document, to be completed.
   * Throws the internal 409 `subject_already_registered` (naming the holder and its managing facility, for the
   * handler's access record) when someone else holds it; handlers answer the caller with `takenDocumentAnswer`.
   */
  async reserveDocument(document: IdDocument, subjectId: string, purpose: ReservationPurpose, meta: CommandMetadata): Promise<string> {
    const stream = this.documentStreamOf(document);
    let staleHolder: string | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      const command: IdDocumentReservationCommand = staleHolder
        ? { type: 'ReclaimIdDocument', subjectId, documentType: document.type, staleHolderSubjectId: staleHolder }
        : { type: 'ReserveIdDocument', subjectId, documentType: document.type };
      try {
        const result = await this.reservations.handle(stream, command, meta);
        if (result.events.length) this.options.onAppended?.(result.events.length);
        return subjectId;
      } catch (error) {
        if (!isDomainError(error, documentHeldCode)) throw error;
        const holder = (error.details as { holderSubjectId: string }).holderSubjectId;
        const verdict = await this.judgeHolder(stream, holder, document, purpose, meta.now);
        if (verdict.kind === 'adopt') return holder;
        if (verdict.kind === 'held') throw subjectAlreadyRegistered(verdict.managingFacilityId, holder);
        staleHolder = holder;
      }
    }
    throw subjectAlreadyRegistered(null);
  }

  /** Gives the document up, if `subjectId` still holds it (a repeated release is harmless). */
  async releaseDocument(document: IdDocument, subjectId: string, meta: CommandMetadata): Promise<void> {
    const result = await this.reservations.handle(this.documentStreamOf(document), { type: 'ReleaseIdDocument', subjectId }, meta);
    if (result.events.length) this.options.onAppended?.(result.events.length);
  }

  /** Who holds the document now (null when nobody). */
  async holderOf(document: IdDocument): Promise<string | null> {
    const { state } = await this.reservations.load(this.documentStreamOf(document));
    return state.holderSubjectId;
  }

  private async judgeHolder(
    stream: string,
    holder: string,
    document: IdDocument,
    purpose: ReservationPurpose,
    now: Date,
  ): Promise<{ kind: 'adopt' } | { kind: 'held'; managingFacilityId: string | null } | { kind: 'stale' }> {
    const { state } = await this.load(holder);
    if (state.status === 'unregistered') return purpose === 'register' ? { kind: 'adopt' } : { kind: 'held', managingFacilityId: null };
    const current = state.profile!.idDocument;
    if (current.type === document.type && current.number === document.number) {
      return { kind: 'held', managingFacilityId: state.managingFacilityId };
    }
    const { events } = await this.reservations.load(stream);
    const reservedAt = Date.parse(events[events.length - 1]?.metadata.occurredAt ?? '');
    const grace = this.options.staleReservationGraceMs ?? 60_000;
    if (Number.isFinite(reservedAt) && now.getTime() - reservedAt < grace) {
      return { kind: 'held', managingFacilityId: state.managingFacilityId };
    }
    return { kind: 'stale' };
  }
}

import type { Principal, RequestOrigin, StepUpGate } from '@vaxledger/auth';
import { commandMetadata, validationError, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { changedProfileFields, stepUpNeeded } from '../domain/subject.decider';
import { invalidProfile, subjectMerged, subjectNotFound } from '../domain/registry-errors';
import { normaliseProfilePatch, type ProfileField } from '../domain/subject-profile';
import { calendarDateInVietnam } from '../domain/vietnam-calendar';
import type { TakenDocumentLookups } from '../access-records/taken-document-lookups';
import { requireSubjectManager } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import { changeSubjectProfileSchema } from './change-subject-profile.command';

const missingBody = () =>
  validationError('validation_failed', 'The request is not valid.', [{ field: '(body)', problem: 'is required' }]);

export interface ProfileChangeResult {
  subjectId: string;
  changedFields: ProfileField[];
  stepUpUsed: boolean;
}

/**
 * PATCH /subjects/{id}. Sensitive fields of a subject the actor's facility neither created nor manages need a
 * step-up token, consumed here (single use) only when such a field really changes. A new ID document is
 * reserved before the change and the old one released after it.
 */
export class ChangeSubjectProfileHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly stepUp: StepUpGate,
    private readonly takenDocuments: TakenDocumentLookups,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    origin: RequestOrigin,
    subjectId: string,
    body: unknown,
    stepUpToken: string | undefined,
  ): Promise<ProfileChangeResult> {
    requireSubjectManager(principal);
    // The body is required (an empty object names no field and changes nothing; no body at all is malformed).
    if (body === undefined || body === null) throw missingBody();
    const input = parseInput(changeSubjectProfileSchema, body);
    const meta = commandMetadata(principal, origin, this.clock.now());
    const patch = normaliseProfilePatch(input, calendarDateInVietnam(meta.now));
    if (!patch.ok) throw invalidProfile(patch.problems);

    const { state } = await this.streams.load(subjectId);
    if (state.status === 'unregistered' || !state.profile) throw subjectNotFound();
    if (state.status === 'merged') throw subjectMerged(state.mergedInto!);
    const changed = changedProfileFields(state.profile, patch.value);
    if (changed.length === 0) return { subjectId, changedFields: [], stepUpUsed: false };

    const newDocument = changed.includes('idDocument') ? patch.value.idDocument! : null;
    // Checked before the step-up token is spent: a refusal for the quota must not cost the user a code.
    if (newDocument) await this.takenDocuments.ensureQuotaLeft(principal, meta.now);
    const stepUpUsed = stepUpNeeded(state, changed, principal.facilityId);
    if (stepUpUsed) await this.stepUp.consume(stepUpToken, principal, { subjectId, fields: changed }, meta.now);

    const oldDocument = state.profile.idDocument;
    if (newDocument) {
      await this.takenDocuments.attempt(principal, origin, newDocument, meta.now, () =>
        this.streams.reserveDocument(newDocument, subjectId, 'change', meta),
      );
    }
    let changedFields: ProfileField[];
    try {
      const result = await this.streams.handle(
        subjectId,
        { type: 'ChangeSubjectProfile', patch: patch.value, actorFacilityId: principal.facilityId, stepUpUsed },
        meta,
      );
      const event = result.events.find((e) => e.type === 'SubjectProfileChanged');
      changedFields = event ? (event.data as { changedFields: ProfileField[] }).changedFields : [];
    } catch (error) {
      if (newDocument) await this.streams.releaseDocument(newDocument, subjectId, meta);
      throw error;
    }
    if (newDocument && changedFields.includes('idDocument')) {
      await this.streams.releaseDocument(oldDocument, subjectId, meta);
    }
    return { subjectId, changedFields, stepUpUsed };
  }
}

/** The registry's domain errors: stable lower_snake_case codes that clients see in `error`. */
import { conflict, DomainError, forbidden, notFound, ruleBroken } from '@vaxledger/kernel';
import type { FieldProblem } from './subject-profile';

/**
 * 422: a request of the documented shape whose data breaks a rule of the profile that needs judgement or today's
 * date (a name's characters, a date of birth in the future or before 1900, the ID number's form for its document
 * type, a phone number, a district of another province, a ward without a district). Malformed requests are
 * refused before this with 400 validation_failed; both name each bad field in `details: [{ field, problem }]`.
 */
export const invalidProfile = (problems: FieldProblem[]) =>
  ruleBroken('subject_data_invalid', 'The subject data is not valid.', problems);

export const subjectNotFound = () => notFound('subject_not_found', 'No subject with this id.');

/**
 * Internal form: names the existing record and the facility managing it, for the handler to record whom the
 * lookup found and to decide what the caller may see (`takenDocumentAnswer`). Never sent as is.
 */
export const subjectAlreadyRegistered = (managingFacilityId: string | null, holderSubjectId: string | null = null) =>
  conflict('subject_already_registered', 'A subject with this ID document is already registered.', {
    managingFacilityId,
    holderSubjectId,
  });

/**
 * What the caller sees: no personal data, not the subject id, and the managing facility only when it is the
 * caller's own (otherwise a 409 would tell anyone where a person is cared for).
 */
export const takenDocumentAnswer = (ownManagingFacilityId: string | null) =>
  conflict(
    'subject_already_registered',
    ownManagingFacilityId
      ? 'A subject with this ID document is already registered by your facility.'
      : 'A subject with this ID document is already registered.',
    ownManagingFacilityId ? { managingFacilityId: ownManagingFacilityId } : undefined,
  );

export const subjectMerged = (survivorSubjectId: string) =>
  conflict('subject_merged', 'This record was merged into another one; change the surviving record.', {
    mergedInto: survivorSubjectId,
  });

export const stepUpRequired = () =>
  forbidden('step_up_required', 'Changing this field of a subject managed by another facility needs a fresh one-time code.');

export const transferNotFound = () => notFound('transfer_request_not_found', 'No such transfer request for this subject.');

export const transferAlreadyPending = (requestId: string) =>
  conflict('transfer_already_pending', 'A management transfer for this subject is already waiting for a decision.', {
    requestId,
  });

export const transferToManagingFacility = () =>
  ruleBroken('transfer_to_managing_facility', 'The subject is already managed by this facility.');

export const mergeWithItself = () => ruleBroken('merge_with_itself', 'A subject cannot be merged with itself.');

export const alreadyMerged = (survivorSubjectId: string) =>
  conflict('subject_already_merged', 'This subject is already merged into another record.', { mergedInto: survivorSubjectId });

export const notMergedInto = () => ruleBroken('subject_not_merged', 'The duplicate is not merged into this subject.');

export const mergeChainRefused = () =>
  ruleBroken('merge_chain_refused', 'A subject that absorbed duplicates cannot itself be merged away; unmerge them first.');

export function isDomainError(error: unknown, code: string): error is DomainError {
  return error instanceof DomainError && error.code === code;
}

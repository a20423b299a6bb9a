/** The subject aggregate: profile, managing facility, management transfers and merges. Pure. */
import { forbidden, type Decider } from '@vaxledger/kernel';
import {
  alreadyMerged,
  mergeChainRefused,
  mergeWithItself,
  notMergedInto,
  stepUpRequired,
  subjectAlreadyRegistered,
  subjectMerged,
  subjectNotFound,
  transferAlreadyPending,
  transferNotFound,
  transferToManagingFacility,
} from './registry-errors';
import type { RegistrationChannel, SubjectEvent } from './subject.events';
import {
  profileFields,
  sameFieldValue,
  sensitiveFields,
  type ProfileField,
  type SubjectProfile,
} from './subject-profile';

export interface PendingTransfer {
  requestId: string;
  fromFacilityId: string;
  toFacilityId: string;
  toProvinceCode: string | null;
  requestedByFacilityId: string;
}

export interface SubjectState {
  status: 'unregistered' | 'active' | 'merged';
  subjectId: string | null;
  profile: SubjectProfile | null;
  creatingFacilityId: string | null;
  managingFacilityId: string | null;
  managingProvinceCode: string | null;
  pendingTransfer: PendingTransfer | null;
  mergedInto: string | null;
  absorbedDuplicates: string[];
}

/**
 * Who accepts a transfer: the giving side only — the managing facility (when it did not ask itself), the province
 * admin of the managing facility's province, or the national admin. A receiving facility could otherwise pull a
 * subject into its own management and then change every sensitive field without step-up (R6).
 */
export type TransferDecider =
  | { kind: 'facility'; facilityId: string }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'national' };

export type SubjectCommand =
  | {
      type: 'RegisterSubject';
      subjectId: string;
      profile: SubjectProfile;
      facilityId: string;
      provinceCode: string | null;
      via: RegistrationChannel;
    }
  | { type: 'ChangeSubjectProfile'; patch: Partial<SubjectProfile>; actorFacilityId: string | null; stepUpUsed: boolean }
  | {
      type: 'RequestManagementTransfer';
      requestId: string;
      toFacilityId: string;
      toProvinceCode: string | null;
      requestedByFacilityId: string;
    }
  | { type: 'AcceptManagementTransfer'; requestId: string; decidedBy: TransferDecider; managingProvinceCode: string | null }
  | { type: 'MarkMergedInto'; survivorSubjectId: string }
  | { type: 'AbsorbDuplicate'; duplicateSubjectId: string }
  | { type: 'Unmerge'; formerSurvivorSubjectId: string }
  | { type: 'ReleaseDuplicate'; duplicateSubjectId: string };

export const initialSubjectState = (): SubjectState => ({
  status: 'unregistered',
  subjectId: null,
  profile: null,
  creatingFacilityId: null,
  managingFacilityId: null,
  managingProvinceCode: null,
  pendingTransfer: null,
  mergedInto: null,
  absorbedDuplicates: [],
});

/** The fields whose value the patch really changes, in the canonical field order. */
export function changedProfileFields(profile: SubjectProfile, patch: Partial<SubjectProfile>): ProfileField[] {
  return profileFields.filter((field) => field in patch && !sameFieldValue(profile[field], patch[field]));
}

/**
 * R6: a sensitive field of a subject the actor's facility neither created nor manages can only be changed
 * with a fresh one-time code.
 */
export function stepUpNeeded(state: SubjectState, changed: readonly ProfileField[], actorFacilityId: string | null): boolean {
  if (!changed.some((field) => sensitiveFields.has(field))) return false;
  const own = actorFacilityId !== null && (actorFacilityId === state.managingFacilityId || actorFacilityId === state.creatingFacilityId);
  return !own;
}

function requireRegistered(state: SubjectState): asserts state is SubjectState & { subjectId: string; profile: SubjectProfile } {
  if (state.status === 'unregistered') throw subjectNotFound();
}

function requireActive(state: SubjectState): asserts state is SubjectState & { subjectId: string; profile: SubjectProfile } {
  requireRegistered(state);
  if (state.status === 'merged') throw subjectMerged(state.mergedInto!);
}

function decide(command: SubjectCommand, state: SubjectState): SubjectEvent[] {
  switch (command.type) {
    case 'RegisterSubject': {
      if (state.status !== 'unregistered') throw subjectAlreadyRegistered(state.managingFacilityId, state.subjectId);
      return [
        {
          type: 'SubjectRegistered',
          data: {
            subjectId: command.subjectId,
            profile: command.profile,
            managingFacilityId: command.facilityId,
            managingProvinceCode: command.provinceCode,
            registeredVia: command.via,
          },
        },
      ];
    }
    case 'ChangeSubjectProfile': {
      requireActive(state);
      const changedFields = changedProfileFields(state.profile, command.patch);
      if (changedFields.length === 0) return [];
      if (stepUpNeeded(state, changedFields, command.actorFacilityId) && !command.stepUpUsed) throw stepUpRequired();
      const values: Partial<Record<ProfileField, unknown>> = {};
      for (const field of changedFields) values[field] = command.patch[field];
      return [
        {
          type: 'SubjectProfileChanged',
          data: {
            subjectId: state.subjectId,
            changedFields,
            values: values as Partial<SubjectProfile>,
            changedByFacilityId: command.actorFacilityId,
            stepUpUsed: command.stepUpUsed,
          },
        },
      ];
    }
    case 'RequestManagementTransfer': {
      requireActive(state);
      if (command.toFacilityId === state.managingFacilityId) throw transferToManagingFacility();
      const requester = command.requestedByFacilityId;
      if (requester !== state.managingFacilityId && requester !== command.toFacilityId) {
        throw forbidden('out_of_scope', 'Only the managing facility or the receiving facility can ask for a transfer.');
      }
      if (state.pendingTransfer) throw transferAlreadyPending(state.pendingTransfer.requestId);
      return [
        {
          type: 'SubjectManagementTransferRequested',
          data: {
            subjectId: state.subjectId,
            requestId: command.requestId,
            fromFacilityId: state.managingFacilityId!,
            toFacilityId: command.toFacilityId,
            toProvinceCode: command.toProvinceCode,
            requestedByFacilityId: requester,
          },
        },
      ];
    }
    case 'AcceptManagementTransfer': {
      requireActive(state);
      const pending = state.pendingTransfer;
      if (!pending || pending.requestId !== command.requestId) throw transferNotFound();
      const decider = command.decidedBy;
      if (decider.kind === 'facility') {
        if (decider.facilityId !== state.managingFacilityId) {
          throw forbidden('out_of_scope', 'Only the facility managing the subject, its province admin or the national admin accepts a transfer.');
        }
        if (decider.facilityId === pending.requestedByFacilityId) {
          throw forbidden('out_of_scope', 'A facility does not accept its own request: the province admin of the managing facility decides.');
        }
      }
      if (decider.kind === 'province' && decider.provinceCode !== state.managingProvinceCode) {
        throw forbidden('out_of_scope', 'Only the province admin of the managing facility’s province accepts this transfer.');
      }
      return [
        {
          type: 'SubjectManagementTransferred',
          data: {
            subjectId: state.subjectId,
            requestId: pending.requestId,
            fromFacilityId: pending.fromFacilityId,
            toFacilityId: pending.toFacilityId,
            managingProvinceCode: pending.toProvinceCode ?? command.managingProvinceCode,
            decidedBy: command.decidedBy.kind,
          },
        },
      ];
    }
    case 'MarkMergedInto': {
      requireRegistered(state);
      if (command.survivorSubjectId === state.subjectId) throw mergeWithItself();
      if (state.status === 'merged') {
        if (state.mergedInto === command.survivorSubjectId) return [];
        throw alreadyMerged(state.mergedInto!);
      }
      if (state.absorbedDuplicates.length > 0) throw mergeChainRefused();
      return [{ type: 'SubjectMergedInto', data: { subjectId: state.subjectId, survivorSubjectId: command.survivorSubjectId } }];
    }
    case 'AbsorbDuplicate': {
      requireActive(state);
      if (command.duplicateSubjectId === state.subjectId) throw mergeWithItself();
      if (state.absorbedDuplicates.includes(command.duplicateSubjectId)) return [];
      return [
        { type: 'SubjectDuplicateAbsorbed', data: { subjectId: state.subjectId, duplicateSubjectId: command.duplicateSubjectId } },
      ];
    }
    case 'Unmerge': {
      requireRegistered(state);
      if (state.status !== 'merged') return [];
      if (state.mergedInto !== command.formerSurvivorSubjectId) throw notMergedInto();
      return [
        { type: 'SubjectUnmerged', data: { subjectId: state.subjectId, formerSurvivorSubjectId: command.formerSurvivorSubjectId } },
      ];
    }
    case 'ReleaseDuplicate': {
      requireRegistered(state);
      if (!state.absorbedDuplicates.includes(command.duplicateSubjectId)) return [];
      return [
        { type: 'SubjectDuplicateReleased', data: { subjectId: state.subjectId, duplicateSubjectId: command.duplicateSubjectId } },
      ];
    }
  }
}

function evolve(state: SubjectState, event: SubjectEvent): SubjectState {
  switch (event.type) {
    case 'SubjectRegistered':
      return {
        ...state,
        status: 'active',
        subjectId: event.data.subjectId,
        profile: event.data.profile,
        creatingFacilityId: event.data.managingFacilityId,
        managingFacilityId: event.data.managingFacilityId,
        managingProvinceCode: event.data.managingProvinceCode,
      };
    case 'SubjectProfileChanged':
      return state.profile ? { ...state, profile: { ...state.profile, ...event.data.values } } : state;
    case 'SubjectManagementTransferRequested':
      return {
        ...state,
        pendingTransfer: {
          requestId: event.data.requestId,
          fromFacilityId: event.data.fromFacilityId,
          toFacilityId: event.data.toFacilityId,
          toProvinceCode: event.data.toProvinceCode,
          requestedByFacilityId: event.data.requestedByFacilityId,
        },
      };
    case 'SubjectManagementTransferred':
      return {
        ...state,
        managingFacilityId: event.data.toFacilityId,
        managingProvinceCode: event.data.managingProvinceCode,
        pendingTransfer: null,
      };
    case 'SubjectMergedInto':
      return { ...state, status: 'merged', mergedInto: event.data.survivorSubjectId };
    case 'SubjectUnmerged':
      return { ...state, status: 'active', mergedInto: null };
    case 'SubjectDuplicateAbsorbed':
      return { ...state, absorbedDuplicates: [...state.absorbedDuplicates, event.data.duplicateSubjectId] };
    case 'SubjectDuplicateReleased':
      return { ...state, absorbedDuplicates: state.absorbedDuplicates.filter((id) => id !== event.data.duplicateSubjectId) };
    default:
      return state;
  }
}

export const subjectDecider: Decider<SubjectCommand, SubjectState, SubjectEvent> = {
  initialState: initialSubjectState,
  decide,
  evolve,
};

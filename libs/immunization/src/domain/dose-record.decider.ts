/**
 * The immunization record of one subject (stream `immunization-<subjectId>`): its doses, their corrections,
 * voids and adverse reactions, the subject facts registry shared, and open bookings on vaccination plans.
 */
import { type Decider, notFound, ruleBroken, conflict, opaqueIdPattern } from '@vaxledger/kernel';
import { ageBandOn, localDateOf } from './calendar';
import type {
  DoseSnapshot,
  DoseStatus,
  ImmunizationRecordEvent,
  ReactionOutcome,
  ReactionSeverity,
  ReportingProfile,
  Sex,
  SubjectFacts,
  TransferredDose,
  DoseTransferReason,
} from './immunization-record.events';
import { checkSchedule, futureToleranceMs } from './schedule-rules';
import { findVaccine, maxDoses, type VaccineCatalogue } from './vaccine-catalogue';

export interface RecordedReaction {
  reactionId: string;
  onsetAt: string;
  severity: ReactionSeverity;
  description: string;
  outcome: ReactionOutcome;
  reportedBy: string;
}

export interface RecordedDose extends DoseSnapshot {
  status: DoseStatus;
  voidReason: string | null;
  corrections: number;
  reactions: RecordedReaction[];
  /** The merged-away record a registry merge brought this dose from; an unmerge takes it back there. */
  cameFrom?: string | null;
}

export interface Booking {
  planId: string;
  vaccineCode: string;
  seriesGroup: string;
  doseNumber: number;
  date: string;
  open: boolean;
}

export interface ImmunizationRecordState {
  subjectId: string | null;
  facts: SubjectFacts | null;
  /** In the order they were recorded. */
  doses: RecordedDose[];
  bookings: Booking[];
  /** Registry merge/unmerge messages already applied to this record (replays and redeliveries do nothing). */
  transfersApplied?: string[];
  /** The doses each transfer out of this record moved, by transfer id (what the other record must receive). */
  movedOut?: Record<string, TransferredDose[]>;
}

export interface FacilityLocation {
  provinceCode: string | null;
  districtCode: string | null;
}

export type RecordDose = {
  type: 'RecordDose';
  subjectId: string;
  doseId: string;
  vaccineCode: string;
  lotNumber: string;
  administeredAt: string;
  facilityId: string;
  planId: string | null;
  doseNumber?: number;
  site: string | null;
  route: string | null;
  vaccinatorId: string;
  /** Where the vaccinating facility is: the reporting fallback when registry has not shared a residence. */
  facilityLocation: FacilityLocation | null;
  catalogue: VaccineCatalogue;
  now: Date;
};

export type DoseCorrection = Partial<{
  vaccineCode: string;
  lotNumber: string;
  administeredAt: string;
  doseNumber: number;
  site: string | null;
  route: string | null;
}>;

export type CorrectDose = {
  type: 'CorrectDose';
  subjectId: string;
  doseId: string;
  changes: DoseCorrection;
  reason: string;
  catalogue: VaccineCatalogue;
  now: Date;
};

export type VoidDose = { type: 'VoidDose'; subjectId: string; doseId: string; reason: string };

export type ReportAdverseReaction = {
  type: 'ReportAdverseReaction';
  subjectId: string;
  doseId: string;
  reactionId: string;
  onsetAt: string;
  severity: ReactionSeverity;
  description: string;
  outcome: ReactionOutcome;
  reportedBy: string;
  reportingFacilityId: string | null;
  now: Date;
};

export type NoteSubjectFacts = { type: 'NoteSubjectFacts'; subjectId: string; facts: Partial<SubjectFacts> };

export type BookDose = {
  type: 'BookDose';
  subjectId: string;
  planId: string;
  vaccineCode: string;
  /** The plan's date. */
  date: string;
  /** Today's date where the plan runs: bookings of past days no longer hold a place. */
  today: string;
  catalogue: VaccineCatalogue;
};

export type ReleaseBooking = { type: 'ReleaseBooking'; subjectId: string; planId: string; reason: string };

/**
 * A registry merge (every dose of the merged-away record goes to the survivor) or unmerge (the survivor gives
 * back the doses that came from the restored record), on the record the doses leave.
 */
export type TransferDosesOut = {
  type: 'TransferDosesOut';
  subjectId: string;
  toSubjectId: string;
  reason: DoseTransferReason;
  transferId: string;
};

/** The other half, on the record the doses join: the doses `TransferDosesOut` moved. */
export type TransferDosesIn = {
  type: 'TransferDosesIn';
  subjectId: string;
  fromSubjectId: string;
  reason: DoseTransferReason;
  transferId: string;
  doses: TransferredDose[];
};

export type ImmunizationRecordCommand =
  | TransferDosesOut
  | TransferDosesIn
  | RecordDose
  | CorrectDose
  | VoidDose
  | ReportAdverseReaction
  | NoteSubjectFacts
  | BookDose
  | ReleaseBooking;

const emptyFacts: SubjectFacts = {
  dateOfBirth: null,
  birthYear: null,
  gender: null,
  provinceCode: null,
  districtCode: null,
  managingFacilityId: null,
};

export const initialImmunizationRecord = (): ImmunizationRecordState => ({ subjectId: null, facts: null, doses: [], bookings: [] });

export const doseRecordDecider: Decider<ImmunizationRecordCommand, ImmunizationRecordState, ImmunizationRecordEvent> = {
  initialState: initialImmunizationRecord,
  decide,
  evolve,
};

function decide(command: ImmunizationRecordCommand, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  switch (command.type) {
    case 'RecordDose':
      return recordDose(command, state);
    case 'CorrectDose':
      return correctDose(command, state);
    case 'VoidDose':
      return voidDose(command, state);
    case 'ReportAdverseReaction':
      return reportReaction(command, state);
    case 'NoteSubjectFacts':
      return noteFacts(command, state);
    case 'BookDose':
      return bookDose(command, state);
    case 'ReleaseBooking':
      return releaseBooking(command, state);
    case 'TransferDosesOut':
      return transferDosesOut(command, state);
    case 'TransferDosesIn':
      return transferDosesIn(command, state);
  }
}


function transferDosesOut(command: TransferDosesOut, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  if (!opaqueIdPattern.test(command.toSubjectId) || command.toSubjectId === command.subjectId)
    throw ruleBroken('transfer_target_invalid', 'Doses move to another subject’s record.');
  if (state.transfersApplied?.includes(command.transferId)) return []; // a replay or redelivery
  // A merge moves the whole record; an unmerge gives back only what the merge brought.
  const doses = state.doses.filter((dose) => command.reason === 'merge' || dose.cameFrom === command.toSubjectId);
  return [
    {
      type: 'DosesTransferredOut',
      data: {
        subjectId: command.subjectId,
        toSubjectId: command.toSubjectId,
        reason: command.reason,
        transferId: command.transferId,
        doses: doses.map((dose) => ({ ...dose, reactions: [...dose.reactions] })),
      },
    },
  ];
}

function transferDosesIn(command: TransferDosesIn, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  if (state.transfersApplied?.includes(command.transferId)) return [];
  const known = new Set(state.doses.map((dose) => dose.doseId));
  const doses = command.doses
    .filter((dose) => !known.has(dose.doseId))
    .map((dose) => ({
      ...dose,
      subjectId: command.subjectId,
      // Back home after an unmerge: no longer a merged-in dose. Merged in: remember where from (the first origin).
      cameFrom: command.reason === 'unmerge' ? null : (dose.cameFrom ?? command.fromSubjectId),
    }));
  return [
    {
      type: 'DosesTransferredIn',
      data: { subjectId: command.subjectId, fromSubjectId: command.fromSubjectId, reason: command.reason, transferId: command.transferId, doses },
    },
  ];
}

function validDoses(state: ImmunizationRecordState, except?: string) {
  return state.doses.filter((dose) => dose.status === 'completed' && dose.doseId !== except);
}

function recordDose(command: RecordDose, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  if (state.doses.some((dose) => dose.doseId === command.doseId)) return []; // a retried command, already applied
  const decision = checkSchedule(
    { vaccineCode: command.vaccineCode, administeredAt: command.administeredAt, doseNumber: command.doseNumber },
    { catalogue: command.catalogue, history: validDoses(state), dateOfBirth: state.facts?.dateOfBirth ?? null, now: command.now },
  );
  const snapshot: DoseSnapshot = {
    subjectId: command.subjectId,
    doseId: command.doseId,
    vaccineCode: decision.vaccine.code,
    seriesGroup: decision.vaccine.seriesGroup,
    doseNumber: decision.doseNumber,
    administeredAt: command.administeredAt,
    lotNumber: command.lotNumber,
    facilityId: command.facilityId,
    planId: command.planId,
    site: command.site,
    route: command.route ?? decision.vaccine.route,
    vaccinatorId: command.vaccinatorId,
    reporting: reportingProfile(state.facts, command.administeredAt, command.facilityLocation),
  };
  return [{ type: 'DoseRecorded', data: snapshot }];
}

function correctDose(command: CorrectDose, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  const dose = existingDose(state, command.doseId);
  if (dose.status === 'voided') throw ruleBroken('dose_voided', 'A voided dose cannot be corrected; record the dose again instead.');
  const changes = command.changes;
  const corrected = {
    vaccineCode: changes.vaccineCode ?? dose.vaccineCode,
    lotNumber: changes.lotNumber ?? dose.lotNumber,
    administeredAt: changes.administeredAt ?? dose.administeredAt,
    site: changes.site !== undefined ? changes.site : dose.site,
    route: changes.route !== undefined ? changes.route : dose.route,
  };
  const changedFields: string[] = (Object.keys(corrected) as Array<keyof typeof corrected>).filter((field) => corrected[field] !== dose[field]);
  const vaccineChanged = corrected.vaccineCode !== dose.vaccineCode;
  const numberChanged = changes.doseNumber !== undefined && changes.doseNumber !== dose.doseNumber;
  if (numberChanged) changedFields.push('doseNumber');
  if (changedFields.length === 0) return []; // the same correction sent again

  // A corrected dose must satisfy the rules as if it had been entered that way; when the vaccine moves to
  // another series its number is derived afresh unless the correction names one.
  const newProduct = findVaccine(command.catalogue, corrected.vaccineCode);
  const keepsSeries = newProduct?.seriesGroup === dose.seriesGroup;
  const decision = checkSchedule(
    {
      vaccineCode: corrected.vaccineCode,
      administeredAt: corrected.administeredAt,
      doseNumber: changes.doseNumber ?? (keepsSeries ? dose.doseNumber : undefined),
    },
    {
      catalogue: command.catalogue,
      history: validDoses(state, dose.doseId),
      dateOfBirth: state.facts?.dateOfBirth ?? null,
      now: command.now,
    },
  );
  if (decision.doseNumber !== dose.doseNumber && !changedFields.includes('doseNumber')) changedFields.push('doseNumber');
  const snapshot: DoseSnapshot = {
    ...stripState(dose),
    ...corrected,
    seriesGroup: decision.vaccine.seriesGroup,
    doseNumber: decision.doseNumber,
    route: corrected.route ?? (vaccineChanged ? decision.vaccine.route : dose.route),
    reporting: {
      ...dose.reporting,
      ...reportingProfile(state.facts, corrected.administeredAt, {
        provinceCode: dose.reporting.provinceCode,
        districtCode: dose.reporting.districtCode,
      }),
    },
  };
  return [{ type: 'DoseCorrected', data: { ...snapshot, reason: command.reason, changedFields } }];
}

function voidDose(command: VoidDose, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  const dose = existingDose(state, command.doseId);
  if (dose.status === 'voided') throw ruleBroken('dose_already_voided', 'This dose is already voided.');
  return [{ type: 'DoseVoided', data: { ...stripState(dose), reason: command.reason } }];
}

function reportReaction(command: ReportAdverseReaction, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  const dose = existingDose(state, command.doseId);
  if (dose.reactions.some((reaction) => reaction.reactionId === command.reactionId)) return [];
  if (dose.status === 'voided') throw ruleBroken('dose_voided', 'A voided dose was entered in error; report the reaction on the real dose.');
  if (Date.parse(command.onsetAt) > command.now.getTime() + futureToleranceMs) {
    throw ruleBroken('reaction_in_future', 'The reaction onset is in the future.');
  }
  if (localDateOf(command.onsetAt) < localDateOf(dose.administeredAt) || Date.parse(command.onsetAt) < Date.parse(dose.administeredAt)) {
    throw ruleBroken('reaction_before_dose', 'A reaction cannot start before the dose was given.');
  }
  return [
    {
      type: 'AdverseReactionReported',
      data: {
        subjectId: command.subjectId,
        doseId: dose.doseId,
        reactionId: command.reactionId,
        onsetAt: command.onsetAt,
        severity: command.severity,
        description: command.description,
        outcome: command.outcome,
        reportedBy: command.reportedBy,
        reportingFacilityId: command.reportingFacilityId,
      },
    },
  ];
}

function noteFacts(command: NoteSubjectFacts, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  const current = state.facts ?? emptyFacts;
  const merged: SubjectFacts = { ...current };
  for (const key of Object.keys(emptyFacts) as Array<keyof SubjectFacts>) {
    const value = command.facts[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  if (state.facts && JSON.stringify(merged) === JSON.stringify(current)) return []; // already known: redelivery
  return [{ type: 'SubjectFactsNoted', data: { subjectId: command.subjectId, facts: merged } }];
}

function bookDose(command: BookDose, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  const vaccine = findVaccine(command.catalogue, command.vaccineCode);
  if (!vaccine) throw ruleBroken('unknown_vaccine', `Vaccine ${command.vaccineCode} is not in the catalogue.`);
  const series = validDoses(state).filter((dose) => dose.seriesGroup === vaccine.seriesGroup);
  const doseNumber = series.reduce((max, dose) => Math.max(max, dose.doseNumber), 0) + 1;
  const sameBooking = state.bookings.find((b) => b.planId === command.planId && b.open);
  if (sameBooking) throw alreadyBooked(command.subjectId, command.planId);
  const clash = state.bookings.find(
    (b) => b.open && b.seriesGroup === vaccine.seriesGroup && b.doseNumber === doseNumber && b.date >= command.today,
  );
  if (clash) throw alreadyBooked(command.subjectId, clash.planId);
  if (doseNumber > maxDoses(vaccine)) {
    throw ruleBroken('series_complete', `The subject's ${vaccine.seriesGroup} series is complete; there is no dose to book.`, {
      subjectId: command.subjectId,
    });
  }
  return [
    {
      type: 'DoseBooked',
      data: {
        subjectId: command.subjectId,
        planId: command.planId,
        vaccineCode: vaccine.code,
        seriesGroup: vaccine.seriesGroup,
        doseNumber,
        date: command.date,
      },
    },
  ];
}

function releaseBooking(command: ReleaseBooking, state: ImmunizationRecordState): ImmunizationRecordEvent[] {
  if (!state.bookings.some((b) => b.planId === command.planId && b.open)) return [];
  return [{ type: 'DoseBookingReleased', data: { subjectId: command.subjectId, planId: command.planId, reason: command.reason } }];
}

function alreadyBooked(subjectId: string, planId: string) {
  return conflict('subject_already_booked', 'The subject is already booked for this dose.', { subjectId, planId });
}

function existingDose(state: ImmunizationRecordState, doseId: string): RecordedDose {
  const dose = state.doses.find((d) => d.doseId === doseId);
  if (!dose) throw notFound('dose_not_found', 'No such dose on this subject’s record.');
  return dose;
}

function stripState(dose: RecordedDose): DoseSnapshot {
  const { status: _status, voidReason: _voidReason, corrections: _corrections, reactions: _reactions, ...snapshot } = dose;
  return snapshot;
}

function reportingProfile(facts: SubjectFacts | null, administeredAt: string, fallback: FacilityLocation | null): ReportingProfile {
  const sex: Sex = facts?.gender ?? 'unknown';
  const residenceKnown = Boolean(facts?.provinceCode);
  return {
    ageBand: ageBandOn(localDateOf(administeredAt), { dateOfBirth: facts?.dateOfBirth, birthYear: facts?.birthYear }),
    sex,
    provinceCode: residenceKnown ? facts!.provinceCode : (fallback?.provinceCode ?? null),
    districtCode: residenceKnown ? (facts!.districtCode ?? null) : (fallback?.districtCode ?? null),
  };
}

function evolve(state: ImmunizationRecordState, event: ImmunizationRecordEvent): ImmunizationRecordState {
  switch (event.type) {
    case 'DosesTransferredOut': {
      const moved = new Set(event.data.doses.map((dose) => dose.doseId));
      return {
        ...state,
        subjectId: event.data.subjectId,
        doses: state.doses.filter((dose) => !moved.has(dose.doseId)),
        transfersApplied: [...(state.transfersApplied ?? []), event.data.transferId],
        movedOut: { ...state.movedOut, [event.data.transferId]: event.data.doses },
      };
    }
    case 'DosesTransferredIn':
      return {
        ...state,
        subjectId: event.data.subjectId,
        doses: [...state.doses, ...event.data.doses.map((dose) => ({ ...dose, reactions: [...dose.reactions] }))],
        transfersApplied: [...(state.transfersApplied ?? []), event.data.transferId],
      };
    case 'DoseRecorded': {
      const dose: RecordedDose = { ...event.data, status: 'completed', voidReason: null, corrections: 0, reactions: [] };
      const bookings = event.data.planId
        ? state.bookings.map((b) => (b.planId === event.data.planId ? { ...b, open: false } : b))
        : state.bookings;
      return { ...state, subjectId: event.data.subjectId, doses: [...state.doses, dose], bookings };
    }
    case 'DoseCorrected': {
      const { reason: _reason, changedFields: _changed, ...snapshot } = event.data;
      return {
        ...state,
        doses: state.doses.map((d) => (d.doseId === snapshot.doseId ? { ...d, ...snapshot, corrections: d.corrections + 1 } : d)),
      };
    }
    case 'DoseVoided':
      return {
        ...state,
        doses: state.doses.map((d) => (d.doseId === event.data.doseId ? { ...d, status: 'voided', voidReason: event.data.reason } : d)),
      };
    case 'AdverseReactionReported': {
      const { doseId, subjectId: _s, reportingFacilityId: _f, ...reaction } = event.data;
      return {
        ...state,
        doses: state.doses.map((d) => (d.doseId === doseId ? { ...d, reactions: [...d.reactions, reaction] } : d)),
      };
    }
    case 'SubjectFactsNoted':
      return { ...state, subjectId: event.data.subjectId, facts: event.data.facts };
    case 'DoseBooked': {
      const { subjectId, ...booking } = event.data;
      return { ...state, subjectId, bookings: [...state.bookings, { ...booking, open: true }] };
    }
    case 'DoseBookingReleased':
      return {
        ...state,
        bookings: state.bookings.map((b) => (b.planId === event.data.planId ? { ...b, open: false } : b)),
      };
    default:
      return state;
  }
}

/** Valid and voided doses in the order they were given (recording order breaks ties). */
export function doseHistory(state: ImmunizationRecordState): RecordedDose[] {
  return state.doses
    .map((dose, index) => ({ dose, index }))
    .sort((a, b) => Date.parse(a.dose.administeredAt) - Date.parse(b.dose.administeredAt) || a.index - b.index)
    .map(({ dose }) => dose);
}

/**
 * Immunization's side of the cross-facility read rule (see @vaxledger/cross-facility-reads). It knows the
 * managing facility of a subject from registry's subject feed, noted on the record as `facts.managingFacilityId`
 * (in distributed mode as in standalone); a record whose managing facility is not known yet is treated as
 * another facility's.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type CrossFacilityReadGate, type ReadPurpose, readPurposeOf } from '@vaxledger/cross-facility-reads';
import type { ImmunizationRecordState } from '../domain/dose-record.decider';

export async function admittedPurpose(
  gate: CrossFacilityReadGate,
  principal: Principal,
  origin: RequestOrigin,
  state: ImmunizationRecordState,
  recordedEvents: number,
  now: Date,
): Promise<ReadPurpose | null> {
  // A record with no event at all (no dose, not even registry's facts yet) holds nothing to protect: the
  // facility that has just registered the person must not be asked why it looks at an empty history.
  if (recordedEvents === 0) return readPurposeOf(origin.purpose);
  const { purpose } = await gate.admit(principal, origin.purpose, state.facts?.managingFacilityId ?? null, now);
  return purpose;
}

/**
 * Who may do what with immunization data. Pure checks on the caller's principal; each refusal is a 403
 * `out_of_scope`. National ⊃ province ⊃ facility, as everywhere.
 */
import { administersFacility, isNational, outOfScope, type Principal, requireRight } from '@vaxledger/auth';

/** Recording a dose: data entry staff or the facility admin, at the facility where the dose was given. */
export function requireDoseEntry(p: Principal, facilityId: string): void {
  if (p.facilityId !== facilityId) throw outOfScope('Doses are recorded by staff of the facility that gave them.');
  requireRight(p, 'data_entry');
}

/**
 * Correcting or voiding a dose: staff holding "dose-history update" (or the facility admin) at the facility that
 * recorded it or at the facility managing the subject.
 */
export function requireDoseHistoryUpdate(p: Principal, doseFacilityId: string, managingFacilityId: string | null): void {
  if (!p.facilityId || (p.facilityId !== doseFacilityId && p.facilityId !== managingFacilityId)) {
    throw outOfScope('Only the facility that recorded the dose, or the one managing the subject, may change it.');
  }
  requireRight(p, 'dose_history_update');
}

/** Reporting an adverse reaction: any facility's data entry staff (people report back where they are seen). */
export function requireReactionReport(p: Principal): void {
  if (!p.facilityId) throw outOfScope('Adverse reactions are reported by facility staff.');
  requireRight(p, 'data_entry');
}

/**
 * Reading a subject's record: facility staff and admins anywhere (a person may turn up at any site), province
 * admins for residents of their province, national admins and auditors everywhere. Every read is audited.
 */
export function requireRecordReader(p: Principal, subjectProvinceCode: string | null): void {
  if (p.role === 'staff' || p.role === 'facility_admin' || isNational(p)) return;
  if (p.role === 'auditor' && (!p.provinceCode || p.provinceCode === subjectProvinceCode)) return;
  if (p.role === 'province_admin' && subjectProvinceCode !== null && p.provinceCode === subjectProvinceCode) return;
  throw outOfScope('This record is outside your scope.');
}

/** Full personal data (exact date of birth) goes to those who care for the person; others see the birth year. */
export function entitledToFullPersonalData(p: Principal): boolean {
  return p.role === 'staff' || p.role === 'facility_admin' || isNational(p);
}

/** Planning sessions at a facility: its staff and admin, and the province (or national) admins above it. */
export function requirePlanner(p: Principal, facility: { facilityId: string; provinceCode: string | null }): void {
  if ((p.role === 'staff' || p.role === 'facility_admin') && p.facilityId === facility.facilityId) return;
  if (facility.provinceCode && administersFacility(p, { facilityId: facility.facilityId, provinceCode: facility.provinceCode })) return;
  if (isNational(p)) return;
  throw outOfScope('This facility is outside your scope.');
}

/**
 * Coverage figures: reporters, auditors, national admins everywhere; province admins (and province-bound
 * reporters or auditors) for their own province. Returns the province to filter on, or null for national.
 */
export function coverageScope(p: Principal, requestedProvince: string | undefined): string | null {
  const nationalReader = isNational(p) || ((p.role === 'reporter' || p.role === 'auditor') && !p.provinceCode);
  if (nationalReader) return requestedProvince ?? null;
  const provinceBound = p.role === 'province_admin' || p.role === 'reporter' || p.role === 'auditor';
  if (!provinceBound || !p.provinceCode) throw outOfScope('Coverage figures are for reporters, auditors and administrators.');
  if (requestedProvince && requestedProvince !== p.provinceCode) throw outOfScope('This province is outside your scope.');
  return p.provinceCode;
}

/** A facility's due list: its own staff and admin, the province admin of its province, national admins. */
export function requireDueListReader(p: Principal, facility: { facilityId: string; provinceCode: string | null }): void {
  if ((p.role === 'staff' || p.role === 'facility_admin') && p.facilityId === facility.facilityId) return;
  if (p.role === 'province_admin' && facility.provinceCode && p.provinceCode === facility.provinceCode) return;
  if (isNational(p)) return;
  throw outOfScope('This facility is outside your scope.');
}

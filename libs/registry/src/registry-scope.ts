/** Who may do what in the registry, on top of the shared scope rules of @vaxledger/auth. */
import { hasRight, hasRole, outOfScope, type Principal } from '@vaxledger/auth';

/** A facility account: facility admins, or staff of a facility. */
export function requireFacilityAccount(p: Principal): asserts p is Principal & { facilityId: string } {
  if (!hasRole(p, 'facility_admin', 'staff') || !p.facilityId) {
    throw outOfScope('This action is done by the staff of a facility.');
  }
}

/** Registering a subject: facility admins, staff with `data_entry` or `subject_management`. */
export function requireRegistrar(p: Principal): asserts p is Principal & { facilityId: string } {
  requireFacilityAccount(p);
  if (!hasRight(p, 'data_entry') && !hasRight(p, 'subject_management')) {
    throw outOfScope('Registering subjects needs the right "data_entry" or "subject_management".');
  }
}

/** Changing a subject or its management: `subject_management` (facility admins hold every right). */
export function requireSubjectManager(p: Principal): asserts p is Principal & { facilityId: string } {
  requireFacilityAccount(p);
  if (!hasRight(p, 'subject_management')) throw outOfScope('This action needs the right "subject_management".');
}

/** Reading and searching records: facility accounts nationwide (R1), province admins, the national admin. */
export function requireRecordReader(p: Principal): void {
  if (!hasRole(p, 'staff', 'facility_admin', 'province_admin', 'national_admin')) {
    throw outOfScope('Reading subject records is done by facilities and health administrations.');
  }
  if (hasRole(p, 'staff', 'facility_admin') && !p.facilityId) throw outOfScope('This account belongs to no facility.');
}

/** Province admins see the subjects managed in their own province. */
export function requireProvinceOfSubject(p: Principal, managingProvinceCode: string | null): void {
  if (p.role === 'province_admin' && p.provinceCode !== managingProvinceCode) {
    throw outOfScope('This subject is managed in another province.');
  }
}

/** Merging and unmerging duplicates: the province admin of the province managing both records, or the national admin. */
export function requireProvinceOfBoth(p: Principal, survivorProvinceCode: string | null, duplicateProvinceCode: string | null): void {
  if (hasRole(p, 'national_admin')) return;
  if (!hasRole(p, 'province_admin') || p.provinceCode === null) {
    throw outOfScope('Duplicates are merged by the province health department.');
  }
  if (survivorProvinceCode !== p.provinceCode || duplicateProvinceCode !== p.provinceCode) {
    throw outOfScope('Both records must be managed in your province.');
  }
}

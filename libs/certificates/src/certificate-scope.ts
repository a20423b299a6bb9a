/**
 * Who may do what with certificates. Pure checks on the caller's principal; each refusal is a 403
 * `out_of_scope`. The readers are those of the immunization record (a person may turn up at any site).
 */
import { isNational, outOfScope, type Principal } from '@vaxledger/auth';

/** Issuing is facility work: staff and facility admins of any facility, as for reading the record. */
export function requireCertificateIssuer(p: Principal): void {
  if (p.role === 'staff' || p.role === 'facility_admin') return;
  throw outOfScope('Certificates are issued by facility staff.');
}

/** Listing and printing: facility accounts anywhere, province admins for their residents, national accounts. */
export function requireCertificateReader(p: Principal, subjectProvinceCode: string | null): void {
  if (p.role === 'staff' || p.role === 'facility_admin' || isNational(p)) return;
  if (p.role === 'auditor' && (!p.provinceCode || p.provinceCode === subjectProvinceCode)) return;
  if (p.role === 'province_admin' && subjectProvinceCode !== null && p.provinceCode === subjectProvinceCode) return;
  throw outOfScope('This record is outside your scope.');
}

/** Revoking a whole lot is a national decision. */
export function requireNationalAdmin(p: Principal): void {
  if (p.role !== 'national_admin') throw outOfScope('Only the national admin revokes a vaccine lot.');
}

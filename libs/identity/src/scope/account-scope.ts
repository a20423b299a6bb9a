/**
 * Who may administer or look at which account: national ⊃ province ⊃ facility. Province admins manage the
 * facility admins, staff, auditors and reporters of their province; facility admins their own staff.
 */
import { type Principal, isNational } from '@vaxledger/auth';
import type { Role } from '@vaxledger/auth';

export interface AccountScope {
  accountId: string;
  role: Role;
  provinceCode: string | null;
  facilityId: string | null;
}

export function administersAccount(p: Principal, target: AccountScope): boolean {
  if (isNational(p)) return true;
  if (p.role === 'province_admin') {
    return target.provinceCode === p.provinceCode && target.role !== 'province_admin' && target.role !== 'national_admin';
  }
  if (p.role === 'facility_admin') return target.role === 'staff' && target.facilityId === p.facilityId;
  return false;
}

/** Auditors see sign-in records nationally, or within their province when they are bound to one. */
export function auditsAccount(p: Principal, target: AccountScope): boolean {
  return p.role === 'auditor' && (p.provinceCode === null || p.provinceCode === target.provinceCode);
}

/** Principals that look across the whole country (no province in their token). */
export function seesEveryProvince(p: Principal): boolean {
  return isNational(p) || ((p.role === 'auditor' || p.role === 'reporter') && p.provinceCode === null);
}

import { forbidden } from '@vaxledger/kernel';
import type { Principal, Right, Role } from './principal';

/**
 * Scope rules, national ⊃ province ⊃ facility, as pure functions. Every command and query calls one of
 * these on the server; a refusal is a 403 `out_of_scope` (recorded by the audit trail).
 */
export function isNational(p: Principal): boolean {
  return p.role === 'national_admin';
}

export function hasRole(p: Principal, ...allowed: Role[]): boolean {
  return allowed.includes(p.role);
}

/** National admins everywhere; province admins in their own province. */
export function administersProvince(p: Principal, provinceCode: string): boolean {
  return isNational(p) || (p.role === 'province_admin' && p.provinceCode === provinceCode);
}

/** Facility admins for their facility, and the province/national admins above it. */
export function administersFacility(p: Principal, facility: { facilityId: string; provinceCode: string }): boolean {
  return (
    administersProvince(p, facility.provinceCode) || (p.role === 'facility_admin' && p.facilityId === facility.facilityId)
  );
}

/** Staff rights are granted per facility; facility admins hold every right in their facility. */
export function hasRight(p: Principal, right: Right): boolean {
  return p.role === 'facility_admin' || (p.role === 'staff' && p.rights.includes(right));
}

export function requireRole(p: Principal, ...allowed: Role[]): void {
  if (!hasRole(p, ...allowed)) throw outOfScope(`This action needs one of the roles: ${allowed.join(', ')}.`);
}

export function requireRight(p: Principal, right: Right): void {
  if (!hasRight(p, right)) throw outOfScope(`This action needs the right "${right}".`);
}

export function requireProvince(p: Principal, provinceCode: string): void {
  if (!administersProvince(p, provinceCode)) throw outOfScope('This province is outside your scope.');
}

export function requireFacilityAdmin(p: Principal, facility: { facilityId: string; provinceCode: string }): void {
  if (!administersFacility(p, facility)) throw outOfScope('This facility is outside your scope.');
}

export function outOfScope(message: string) {
  return forbidden('out_of_scope', message);
}

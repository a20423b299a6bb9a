/** Who is calling, as carried by a verified access token. No personal data: ids and codes only. */
import type { Right, Role } from '@vaxledger/contracts';

export { grantableRights, roles, type Right, type Role } from '@vaxledger/contracts';

export interface Principal {
  accountId: string;
  role: Role;
  rights: Right[];
  /** Set for facility_admin and staff. */
  facilityId: string | null;
  /** Set for province_admin, facility_admin, staff, and province-bound auditors/reporters. */
  provinceCode: string | null;
  /** The refresh session this access token belongs to, so logout can revoke it. */
  sessionId: string;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  rights: Right[];
  fac: string | null;
  prov: string | null;
  sid: string;
}

export const tokenIssuer = 'vaxledger-identity';
export const accessAudience = 'vaxledger-api';
export const stepUpAudience = 'vaxledger-step-up';

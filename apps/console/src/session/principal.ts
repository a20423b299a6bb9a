/** Who is signed in, read from the access token's claims (for the screens only: the server checks every call). */
import type { Right, Role } from '../api/contract';

export interface Principal {
  accountId: string;
  role: Role;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  sessionId: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function principalOf(accessToken: string): Principal | null {
  try {
    const claims = decodeSegment(accessToken.split('.')[1] ?? '') as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string') return null;
    return {
      accountId: claims.sub,
      role: claims.role as Role,
      rights: Array.isArray(claims.rights) ? (claims.rights as Right[]) : [],
      facilityId: typeof claims.fac === 'string' ? claims.fac : null,
      provinceCode: typeof claims.prov === 'string' ? claims.prov : null,
      sessionId: typeof claims.sid === 'string' ? claims.sid : null,
      expiresAt: typeof claims.exp === 'number' ? claims.exp : 0,
    };
  } catch {
    return null;
  }
}

/** A facility admin holds every right of its facility's staff (as on the server). */
export function hasRight(p: Principal, right: Right): boolean {
  return p.role === 'facility_admin' || (p.role === 'staff' && p.rights.includes(right));
}

/** What each role does in the console; the server enforces the same rules. */
export const can = {
  findPeople: (p: Principal) =>
    ['national_admin', 'province_admin', 'facility_admin', 'staff'].includes(p.role),
  registerPeople: (p: Principal) => hasRight(p, 'data_entry') || hasRight(p, 'subject_management'),
  editPeople: (p: Principal) => hasRight(p, 'subject_management'),
  recordDoses: (p: Principal) => p.facilityId !== null && hasRight(p, 'data_entry'),
  updateDoseHistory: (p: Principal) => p.facilityId !== null && hasRight(p, 'dose_history_update'),
  reportReactions: (p: Principal) => p.facilityId !== null && hasRight(p, 'data_entry'),
  plan: (p: Principal) => ['national_admin', 'province_admin', 'facility_admin', 'staff'].includes(p.role),
  submitStaff: (p: Principal) => p.role === 'facility_admin',
  reviewAccounts: (p: Principal) => p.role === 'province_admin' || p.role === 'national_admin',
  organise: (p: Principal) => p.role === 'province_admin' || p.role === 'national_admin',
  searchAudit: (p: Principal) => p.role === 'auditor' || p.role === 'province_admin',
  verifyTrail: (p: Principal) => p.role === 'auditor' || p.role === 'national_admin',
  readDueList: (p: Principal) => (p.role === 'facility_admin' || p.role === 'staff') && p.facilityId !== null,
  readCoverage: (p: Principal) =>
    ['reporter', 'auditor', 'national_admin', 'province_admin'].includes(p.role),
};

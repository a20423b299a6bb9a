/** The shapes of /api/v1 the console reads and writes (brief section 5 and the services' OpenAPI documents). */

export type Role = 'national_admin' | 'province_admin' | 'facility_admin' | 'staff' | 'auditor' | 'reporter';
export type Right = 'data_entry' | 'dose_history_update' | 'subject_management';
export type Gender = 'male' | 'female' | 'other';
export type IdDocumentType = 'CMND' | 'CCCD' | 'PASSPORT';
export type OtpMethod = 'totp' | 'sms' | 'email';

export interface ErrorBody {
  error: string;
  message?: string;
  details?: unknown;
}

export interface LoginChallenge {
  challengeId: string;
  method: OtpMethod;
  expiresAt: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Activation {
  accountId: string;
  method: OtpMethod;
  otpauthUri: string | null;
}

/** `POST /accounts/{id}/password-reset` → 202: the reset code went to the person, never to the administrator. */
export interface PasswordResetIssued {
  accountId: string;
  expiresAt: string;
}

export interface OwnSession {
  sessionId: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
  absoluteExpiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginAttempt {
  attemptId: string;
  accountId: string | null;
  at: string;
  ip: string;
  userAgent: string;
  stage: string;
  method: string;
  outcome: string;
}

export interface Facility {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  districtCode: string | null;
}

export interface Account {
  accountId: string;
  username: string;
  role: Role;
  rights: Right[];
  facilityId: string | null;
  provinceCode: string | null;
  status: string;
  otpMethod: OtpMethod | null;
  lockedUntil: string | null;
  fullName: string;
  gender?: Gender;
  position?: string;
  unit?: string | null;
  email?: string;
  phone?: string;
  grantedAt?: string;
  lastReviewedAt: string | null;
}

export interface StaffMember {
  fullName: string;
  gender: Gender;
  unit: string;
  position: string;
  email: string;
  phone: string;
  username: string;
  rights: Right[];
}

export interface AccountRequestItem extends StaffMember {
  index: number;
  accountId: string | null;
  status: string;
}

export interface AccountRequest {
  requestId: string;
  facilityId: string;
  provinceCode: string;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  items: AccountRequestItem[];
}

export interface SubjectAddress {
  provinceCode: string;
  districtCode?: string | null;
  wardCode?: string | null;
  line?: string;
}

export interface DoseSummary {
  dosesRecorded: number;
  lastVaccineCode: string | null;
  lastAdministeredAt: string | null;
  highestDoseNumber: number | null;
}

export interface SubjectSearchHit {
  subjectId: string;
  fullName: string;
  birthYear: number;
  gender: Gender;
  phone: string;
  idDocument: { type: IdDocumentType; number: string };
  address: SubjectAddress;
  managingFacilityId: string;
  doseSummary?: DoseSummary;
}

export interface SubjectRecord {
  subjectId: string;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  idDocument: { type: IdDocumentType; number: string };
  phone: string;
  address: SubjectAddress;
  priorityGroup: string | null;
  healthInsuranceNumber: string | null;
  managingFacilityId: string;
  managingProvinceCode: string | null;
  creatingFacilityId: string;
  registeredAt: string;
  updatedAt: string;
  mergedInto: string | null;
  requestedSubjectId: string;
}

export interface SubjectHistoryEntry {
  at: string;
  change: string;
  fields: string[];
  actor: { accountId: string; facilityId: string | null; provinceCode: string | null };
  stepUpUsed: boolean;
}

export interface DoseReaction {
  reactionId: string;
  onsetAt: string;
  severity: string;
  description: string;
  outcome: string;
}

export interface Dose {
  doseId: string;
  vaccineCode: string;
  vaccineName: string;
  seriesGroup: string;
  doseNumber: number;
  administeredAt: string;
  lotNumber: string;
  facilityId: string;
  planId: string | null;
  site: string | null;
  route: string | null;
  status: 'completed' | 'voided';
  voidReason: string | null;
  corrections: number;
  reactions: DoseReaction[];
}

export interface VaccineProduct {
  code: string;
  name: string;
  manufacturer: string;
  program: string;
  seriesGroup: string;
  primarySeries: { doses: number; intervals: Array<{ minDays: number }> };
  booster: { doses: number; minIntervalDays: number } | null;
}

export interface Plan {
  planId: string;
  facilityId: string;
  provinceCode: string | null;
  date: string;
  vaccineCode: string;
  capacity: number;
  booked: number;
}

export interface PlanAttendance {
  planId: string;
  facilityId: string;
  date: string;
  vaccineCode: string;
  capacity: number;
  remaining: number;
  booked: Array<{
    subjectId: string;
    status: 'vaccinated' | 'awaiting' | 'did_not_attend';
    doseNumber: number | null;
  }>;
  walkIns: Array<{ subjectId: string; doseNumber: number }>;
}

export interface FacilitySubject {
  subjectId: string;
  fullName: string;
  birthYear: number;
}

export interface AuditEntry {
  sequence: number;
  eventId: string;
  type: string;
  action: string | null;
  occurredAt: string;
  actor: { accountId: string | null; facilityId: string | null; provinceCode: string | null };
  subjectIds: string[];
  facilityId: string | null;
  provinceCode: string | null;
  outcome: string | null;
  purpose: string | null;
  origin: { ip: string | null; userAgent: string | null } | null;
  fieldsTouched?: string[];
}

export interface TrailVerification {
  ok: boolean;
  entriesChecked: number;
  checkpointsChecked: number;
  head?: { sequence: number; hash: string };
  firstMismatch: { sequence: number; reason: string } | null;
  verifiedAt: string;
}

export interface CoverageRow {
  day: string;
  provinceCode: string | null;
  districtCode: string | null;
  vaccineCode: string;
  doseNumber: number;
  doses: number;
}

export interface CoverageReport {
  provinceCode: string | null;
  from: string;
  to: string;
  rows: CoverageRow[];
  totals: Array<{ vaccineCode: string; doseNumber: number; doses: number }>;
  people: PeopleCoverage;
}

/** `GET /facilities/{id}/due`: who is due or overdue for a next dose on a day. */
export interface DueItem {
  subjectId: string;
  fullName: string | null;
  seriesGroup: string;
  nextDoseNumber: number;
  vaccineCode: string;
  booster: boolean;
  earliest: string;
  recommended: string;
  overdueFrom: string;
  status: 'due' | 'overdue';
  via: 'managed' | 'booked';
  bookedOn: string | null;
}

export interface DueList {
  facilityId: string;
  on: string;
  items: DueItem[];
  next: string | null;
}

export interface CoverageFigures {
  targetPopulation: number | null;
  atLeastOneDose: number;
  primarySeriesComplete: number;
  booster: number;
  atLeastOneDosePercent: number | null;
  primarySeriesCompletePercent: number | null;
  boosterPercent: number | null;
}

/** The people section of `GET /reports/coverage`: coverage as a share of the 2021 target population. */
export interface PeopleCoverage {
  seriesGroup: string;
  asOfWeek: string;
  targetGroups: string[];
  populationSource: string;
  total: CoverageFigures;
  provinces: Array<
    CoverageFigures & {
      provinceCode: string;
      name: string;
      byTargetGroup: Record<string, CoverageFigures>;
      districts: Array<CoverageFigures & { districtCode: string | null }>;
    }
  >;
  weekly: Array<CoverageFigures & { weekStart: string }>;
}

/**
 * A subject's profile as value objects: the one place that says what a valid name, date of birth, ID document,
 * phone and address are. The HTTP handlers and the CSV importer both go through `normaliseSubjectProfile`,
 * so a legacy row is held to exactly the rules of a clerk's form.
 */
import { isKnownDistrict, isKnownProvince } from '@vaxledger/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalisePersonalName, personalNameProblem } from './personal-name';
import { isCalendarDate } from './vietnam-calendar';

export const genders = ['male', 'female', 'other'] as const;
export type Gender = (typeof genders)[number];

export const idDocumentTypes = ['CMND', 'CCCD', 'PASSPORT'] as const;
export type IdDocumentType = (typeof idDocumentTypes)[number];

export interface IdDocument {
  type: IdDocumentType;
  number: string;
}

export interface SubjectAddress {
  provinceCode: string;
  districtCode: string | null;
  wardCode: string | null;
  line: string;
}

export interface SubjectProfile {
  /** NFC. */
  fullName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: Gender;
  idDocument: IdDocument;
  /** E.164. */
  phone: string;
  address: SubjectAddress;
  priorityGroup: string | null;
  healthInsuranceNumber: string | null;
}

export type ProfileField = keyof SubjectProfile;
export const profileFields: readonly ProfileField[] = [
  'fullName',
  'dateOfBirth',
  'gender',
  'idDocument',
  'phone',
  'address',
  'priorityGroup',
  'healthInsuranceNumber',
];

/** R6: the fields whose change by another facility needs a fresh one-time code. */
export const sensitiveFields: ReadonlySet<ProfileField> = new Set(['fullName', 'dateOfBirth', 'idDocument', 'address']);

/** What a client or a CSV row hands in, before normalisation. */
export interface ProfileInput {
  fullName?: unknown;
  dateOfBirth?: unknown;
  gender?: unknown;
  idDocument?: { type?: unknown; number?: unknown } | unknown;
  phone?: unknown;
  address?: { provinceCode?: unknown; districtCode?: unknown; wardCode?: unknown; line?: unknown } | unknown;
  priorityGroup?: unknown;
  healthInsuranceNumber?: unknown;
}

export interface FieldProblem {
  field: string;
  problem: string;
}

export type Normalised<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const idNumberPatterns: Record<IdDocumentType, { pattern: RegExp; rule: string }> = {
  CMND: { pattern: /^(\d{9}|\d{12})$/, rule: 'a CMND number has 9 or 12 digits' },
  CCCD: { pattern: /^\d{12}$/, rule: 'a CCCD number has 12 digits' },
  PASSPORT: { pattern: /^[A-Z0-9]{6,20}$/, rule: 'a passport number has 6 to 20 letters or digits' },
};

/** ID numbers are compared as typed without spaces or dashes, passports in upper case. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * A Vietnamese mobile written the usual way, `0` and nine digits on a mobile prefix. libphonenumber reads every
 * such number as valid and answers `+84` and the nine digits; saying so here skips most of its cost on bulk
 * imports (the spec proves the two agree on every prefix).
 */
const domesticMobile = /^0[35789]\d{8}$/;

/** E.164, read as a Vietnamese number unless it carries its own country code; null when it is not a phone number. */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (domesticMobile.test(trimmed)) return `+84${trimmed.slice(1)}`;
  const parsed = parsePhoneNumberFromString(trimmed, 'VN');
  return parsed && parsed.isValid() ? parsed.number : null;
}

const wardCodePattern = /^\d{5}$/;
const priorityGroupPattern = /^[A-Za-z0-9_.-]{1,40}$/;
// BHYT card numbers: two letters, then 13 digits (older cards), or the 10-digit social-insurance number.
const healthInsurancePattern = /^([A-Z]{2}\d{13}|\d{10})$/;

const earliestDateOfBirth = '1900-01-01';

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  const t = text(value);
  if (t === undefined) return undefined;
  const trimmed = t.trim();
  return trimmed === '' ? null : trimmed;
}

class ProblemList {
  readonly problems: FieldProblem[] = [];
  add(field: string, problem: string): void {
    this.problems.push({ field, problem });
  }
}

function readFullName(raw: unknown, problems: ProblemList): string | undefined {
  const value = text(raw);
  if (value === undefined) return void problems.add('fullName', 'is required');
  const name = normalisePersonalName(value);
  if (name === '') return void problems.add('fullName', 'is required');
  const problem = personalNameProblem(name);
  if (problem) return void problems.add('fullName', problem);
  return name;
}

function readDateOfBirth(raw: unknown, today: string, problems: ProblemList): string | undefined {
  const value = text(raw)?.trim();
  if (!value) return void problems.add('dateOfBirth', 'is required');
  if (!isCalendarDate(value)) return void problems.add('dateOfBirth', 'must be a real date written YYYY-MM-DD');
  if (value > today) return void problems.add('dateOfBirth', 'must not be in the future');
  if (value < earliestDateOfBirth) return void problems.add('dateOfBirth', `must not be before ${earliestDateOfBirth}`);
  return value;
}

function readGender(raw: unknown, problems: ProblemList): Gender | undefined {
  const value = text(raw)?.trim().toLowerCase();
  if (!value) return void problems.add('gender', 'is required');
  if (!(genders as readonly string[]).includes(value)) return void problems.add('gender', 'must be male, female or other');
  return value as Gender;
}

function readIdDocument(raw: unknown, problems: ProblemList): IdDocument | undefined {
  if (typeof raw !== 'object' || raw === null) return void problems.add('idDocument', 'is required');
  const given = raw as { type?: unknown; number?: unknown };
  const type = text(given.type)?.trim().toUpperCase();
  if (!type || !(idDocumentTypes as readonly string[]).includes(type)) {
    return void problems.add('idDocument.type', 'must be CMND, CCCD or PASSPORT');
  }
  const numberText = text(given.number);
  if (!numberText) return void problems.add('idDocument.number', 'is required');
  const number = normaliseIdNumber(numberText);
  const { pattern, rule } = idNumberPatterns[type as IdDocumentType];
  if (!pattern.test(number)) return void problems.add('idDocument.number', rule);
  return { type: type as IdDocumentType, number };
}

function readPhone(raw: unknown, problems: ProblemList): string | undefined {
  const value = text(raw);
  if (!value || !value.trim()) return void problems.add('phone', 'is required');
  const phone = normalisePhone(value);
  if (!phone) return void problems.add('phone', 'is not a valid phone number');
  return phone;
}

function readAddress(raw: unknown, problems: ProblemList): SubjectAddress | undefined {
  if (typeof raw !== 'object' || raw === null) return void problems.add('address', 'is required');
  const given = raw as { provinceCode?: unknown; districtCode?: unknown; wardCode?: unknown; line?: unknown };
  const before = problems.problems.length;
  const provinceCode = text(given.provinceCode)?.trim() ?? '';
  if (!isKnownProvince(provinceCode)) problems.add('address.provinceCode', 'is not a known province code');
  const districtCode = optionalText(given.districtCode);
  if (districtCode === undefined) problems.add('address.districtCode', 'must be a district code');
  else if (districtCode !== null && isKnownProvince(provinceCode) && !isKnownDistrict(provinceCode, districtCode)) {
    problems.add('address.districtCode', 'is not a district of this province');
  }
  const wardCode = optionalText(given.wardCode);
  if (wardCode === undefined || (wardCode !== null && !wardCodePattern.test(wardCode))) {
    problems.add('address.wardCode', 'must be a 5-digit ward code');
  } else if (wardCode !== null && districtCode === null) {
    problems.add('address.wardCode', 'needs a district code');
  }
  const line = text(given.line)?.normalize('NFC').replace(/\s+/gu, ' ').trim() ?? '';
  if (line.length < 1) problems.add('address.line', 'is required');
  else if (line.length > 200) problems.add('address.line', 'must have at most 200 characters');
  if (problems.problems.length > before) return undefined;
  return { provinceCode, districtCode: districtCode ?? null, wardCode: wardCode ?? null, line };
}

function readPriorityGroup(raw: unknown, problems: ProblemList): string | null | undefined {
  const value = optionalText(raw);
  if (value === undefined || (value !== null && !priorityGroupPattern.test(value))) {
    return void problems.add('priorityGroup', 'must be a short code (letters, digits, . _ -)');
  }
  return value;
}

function readHealthInsuranceNumber(raw: unknown, problems: ProblemList): string | null | undefined {
  const value = optionalText(raw);
  if (value === undefined) return void problems.add('healthInsuranceNumber', 'must be text');
  if (value === null) return null;
  const normalised = value.replace(/\s+/g, '').toUpperCase();
  if (!healthInsurancePattern.test(normalised)) {
    return void problems.add('healthInsuranceNumber', 'must be a health insurance card number (2 letters + 13 digits, or 10 digits)');
  }
  return normalised;
}

const readers: { [F in ProfileField]: (raw: unknown, today: string, problems: ProblemList) => SubjectProfile[F] | undefined } = {
  fullName: (raw, _today, p) => readFullName(raw, p),
  dateOfBirth: readDateOfBirth,
  gender: (raw, _today, p) => readGender(raw, p),
  idDocument: (raw, _today, p) => readIdDocument(raw, p),
  phone: (raw, _today, p) => readPhone(raw, p),
  address: (raw, _today, p) => readAddress(raw, p),
  priorityGroup: (raw, _today, p) => readPriorityGroup(raw, p),
  healthInsuranceNumber: (raw, _today, p) => readHealthInsuranceNumber(raw, p),
};

/** A whole profile (registration, import). `today` is the calendar date in Vietnam at the command's time. */
export function normaliseSubjectProfile(input: ProfileInput, today: string): Normalised<SubjectProfile> {
  const problems = new ProblemList();
  const profile: Partial<Record<ProfileField, unknown>> = {};
  for (const field of profileFields) profile[field] = readers[field](input[field], today, problems);
  if (problems.problems.length > 0) return { ok: false, problems: problems.problems };
  return { ok: true, value: profile as unknown as SubjectProfile };
}

/** Only the fields present in a change request; absent fields stay as they are. */
export function normaliseProfilePatch(input: ProfileInput, today: string): Normalised<Partial<SubjectProfile>> {
  const problems = new ProblemList();
  const patch: Partial<Record<ProfileField, unknown>> = {};
  for (const field of profileFields) {
    if (!(field in input) || input[field] === undefined) continue;
    const required = field !== 'priorityGroup' && field !== 'healthInsuranceNumber';
    if (required && input[field] === null) {
      problems.add(field, 'cannot be removed');
      continue;
    }
    patch[field] = readers[field](input[field], today, problems);
  }
  if (problems.problems.length > 0) return { ok: false, problems: problems.problems };
  // A change naming no field changes nothing (the handler answers so), like one whose values are all unchanged.
  return { ok: true, value: patch as Partial<SubjectProfile> };
}

/** Deep equality of two field values (values are plain JSON). */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function birthYearOf(dateOfBirth: string): number {
  return Number(dateOfBirth.slice(0, 4));
}

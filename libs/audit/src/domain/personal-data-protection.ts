/**
 * What of a message's data the trail may keep. Audit needs who, what, when, from where and which fields were
 * touched — never the values a person is identified by. Values are kept only for ids, codes, timestamps and a
 * short list of operational fields (outcome, origin, purpose, ...); every other field is reduced to its name.
 * The list is an allow-list on purpose: a field a producer adds tomorrow is masked until someone decides it is
 * safe to keep.
 */
import type { CanonicalValue } from './canonical-json';

/** Never kept, whatever their shape or name pattern: the values that identify or authenticate a person. */
const personalFields = new Set(
  [
    'fullName',
    'name',
    'firstName',
    'lastName',
    'phone',
    'phoneNumber',
    'email',
    'idDocument',
    'idNumber',
    'documentNumber',
    'number',
    'address',
    'line',
    'street',
    'dateOfBirth',
    'birthDate',
    'dob',
    'username',
    'password',
    'code',
    'otp',
    'token',
    'secret',
    'otpauthUri',
    'totpSecret',
    'refreshToken',
    'accessToken',
    'stepUpToken',
    'unit',
    'position',
    'note',
    'notes',
    'comment',
  ].map((field) => field.toLowerCase()),
);

/** Operational fields whose values audit needs (R3: outcome, IP, user agent, OTP method; R8: why). */
const operationalFields = new Set([
  'action',
  'outcome',
  'result',
  'status',
  'method',
  'otpMethod',
  'ip',
  'userAgent',
  'purpose',
  'role',
  'rights',
  'channel',
  'kind',
  'resultCount',
  'count',
  'doseNumber',
  'capacity',
  'schemaVersion',
  'changedFields',
  'fieldsChanged',
  'fields',
  'stepUp',
  'stepUpUsed',
  'succeeded',
  'locked',
  'stage',
  'service',
  'resource',
  'view',
  // A keyed hash (HMAC) of a typed username: links repeated attempts on one unknown name without revealing it.
  'usernameKey',
  // The keyed hash of an ID number a refused registration or change hit (a 409 counted as a lookup), never the number.
  'idNumberKey',
]);

/** Free-text fields kept only when they hold a machine code (`invalid_otp`), never prose that may name someone. */
const codeOnlyFields = new Set(['reason', 'cause', 'failureReason', 'denialReason', 'errorCode', 'error', 'criteria']);
const machineCode = /^[a-z0-9][a-z0-9_.:+-]{0,63}$/i;

const idField = /(^id$|Id$|Ids$)/;
const codeField = /(Code|Codes)$/;
const timeField = /(^at$|At$|^time$|^date$|^from$|^to$|^until$)/;

const maxStringLength = 256;
const maxArrayLength = 200;

export interface ProtectedData {
  kept: { [key: string]: CanonicalValue };
  /** Sorted dotted paths (`[]` for array items) of every field whose value was not kept. */
  masked: string[];
}

export function protectPersonalData(data: Record<string, unknown>): ProtectedData {
  const masked = new Set<string>();
  const kept = protectObject(data, '', masked);
  return { kept, masked: [...masked].sort() };
}

function protectObject(
  data: Record<string, unknown>,
  path: string,
  masked: Set<string>,
): { [key: string]: CanonicalValue } {
  const kept: { [key: string]: CanonicalValue } = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const fieldPath = path ? `${path}.${key}` : key;
    const result = protectField(key, value, fieldPath, masked);
    if (result !== undefined) kept[key] = result;
  }
  return kept;
}

function protectField(
  key: string,
  value: unknown,
  path: string,
  masked: Set<string>,
): CanonicalValue | undefined {
  if (personalFields.has(key.toLowerCase())) {
    masked.add(path);
    return undefined;
  }
  // A null says "absent", which identifies nobody; kept so "purpose: null" reads as no purpose given.
  if (value === null) return null;
  if (isPlainObject(value)) {
    const nested = protectObject(value, path, masked);
    return Object.keys(nested).length > 0 ? nested : undefined;
  }
  if (Array.isArray(value) && value.some(isPlainObject)) {
    const items = value
      .slice(0, maxArrayLength)
      .map((item) => (isPlainObject(item) ? protectObject(item, `${path}[]`, masked) : undefined))
      .filter(
        (item): item is { [key: string]: CanonicalValue } =>
          item !== undefined && Object.keys(item).length > 0,
      );
    return items.length > 0 ? items : undefined;
  }
  const keepable =
    operationalFields.has(key) || idField.test(key) || codeField.test(key) || timeField.test(key);
  if (keepable) {
    const scalar = keptValue(value);
    if (scalar !== undefined) return scalar;
  } else if (codeOnlyFields.has(key) && typeof value === 'string' && machineCode.test(value)) {
    return value;
  }
  masked.add(path);
  return undefined;
}

/** Scalars and arrays of scalars, capped so one message cannot bloat the trail. */
function keptValue(value: unknown): CanonicalValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value.slice(0, maxStringLength);
  if (Array.isArray(value)) {
    const items = value.slice(0, maxArrayLength).map(keptValue);
    return items.every((item) => item !== undefined && (item === null || typeof item !== 'object'))
      ? (items as CanonicalValue[])
      : undefined;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

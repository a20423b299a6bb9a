/**
 * The one serialisation the trail hashes and signs: JSON with object keys sorted by UTF-16 code units and no
 * whitespace; strings and numbers written as ECMAScript's JSON.stringify writes them (the RFC 8785 / JCS rules
 * for the values the trail holds: integers, short strings, booleans, null). Anything JSON cannot represent
 * exactly — undefined inside arrays, NaN, Infinity, functions, dates, class instances — is refused rather than
 * silently changed, because a hash over a value that does not round-trip could never be re-checked.
 */
export type CanonicalValue =
  null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue };

export class CanonicalJsonError extends Error {
  constructor(path: string, reason: string) {
    super(`Cannot canonicalise ${path || 'value'}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalize(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, 'numbers must be finite');
      // -0 and 0 hash alike, as JSON.stringify writes both as 0.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item, index) => {
        if (item === undefined)
          throw new CanonicalJsonError(`${path}[${index}]`, 'undefined has no JSON form');
        return write(item, `${path}[${index}]`);
      })
      .join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError(path, 'only plain objects are allowed');
  }
  const record = value as Record<string, unknown>;
  // Absent and undefined are the same thing in JSON, so an undefined member is left out.
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], path ? `${path}.${key}` : key)}`).join(',')}}`;
}

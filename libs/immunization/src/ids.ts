/** Ids taken from a URL become stream names: only plain opaque ids are accepted. */
import { opaqueIdPattern, validationError } from '@vaxledger/kernel';

export const idPattern = opaqueIdPattern;

export function parseId(kind: string, value: string): string {
  if (!idPattern.test(value)) throw validationError('validation_failed', `The ${kind} id is not valid.`, [{ field: kind, problem: 'invalid id' }]);
  return value;
}

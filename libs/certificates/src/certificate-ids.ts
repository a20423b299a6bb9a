import { opaqueIdPattern, validationError } from '@vaxledger/kernel';


/** Ids become stream names: only plain opaque ids are accepted from a URL. */
export function parseId(kind: string, value: string): string {
  if (!opaqueIdPattern.test(value ?? '')) throw validationError('validation_failed', `The ${kind} id is not valid.`, [{ field: kind, problem: 'invalid id' }]);
  return value;
}

/** Metadata every command of this service carries: who (ids and scope only), when, and which request. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type CommandMetadata, validationError } from '@vaxledger/kernel';

export function commandMetadata(principal: Principal, origin: RequestOrigin, now: Date): CommandMetadata {
  return {
    actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
    now,
    correlationId: origin.correlationId,
  };
}

const idPattern = /^[A-Za-z0-9-]{1,64}$/;

/** Ids become stream names: only plain opaque ids are accepted from a URL. */
export function parseId(kind: string, value: string): string {
  if (!idPattern.test(value)) throw validationError('validation_failed', `The ${kind} id is not valid.`, [{ field: kind, problem: 'invalid id' }]);
  return value;
}

export const VACCINE_CATALOGUE = Symbol('VACCINE_CATALOGUE');

/**
 * The small error taxonomy of the domain. Deciders and handlers throw these; one filter at the HTTP edge
 * maps `kind` to a status code and the documented `{ error, message, details }` body.
 */
export type DomainErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'rule' // 422: a domain rule is broken
  | 'locked' // 423
  | 'rate_limited'; // 429

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine code, e.g. `SUBJECT.ALREADY_REGISTERED` or `step_up_required`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (code: string, message: string, details?: unknown) =>
  new DomainError('validation', code, message, details);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const forbidden = (code: string, message: string, details?: unknown) =>
  new DomainError('forbidden', code, message, details);
export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError('conflict', code, message, details);
export const ruleBroken = (code: string, message: string, details?: unknown) =>
  new DomainError('rule', code, message, details);

/** Raised by an event store when the expected revision does not match. */
export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super('conflict', 'CONCURRENCY_CONFLICT', 'The record was changed by someone else at the same time; retry.', {
      expected,
      actual,
    });
    this.name = 'ConcurrencyError';
  }
}

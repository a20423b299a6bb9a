/**
 * Refusals on access grounds are answered and recorded (issue 13): a `vaxledger.access.denied` CloudEvent on
 * the audit access topic, published by the refusing service, naming the actor, the action, the ids it aimed at
 * and the reason — never personal data. One recorder for every service (identity, registry, immunization and
 * the certificates it serves); the audit service takes the events into the trail.
 *
 * What counts as a refusal on access grounds: every 403 (`out_of_scope`, `step_up_required`), and the errors
 * raised as an `AccessRefusal` (400 `purpose_required`, 429 over the cross-facility read quota). A malformed
 * request, a missing record or a rule of the domain is not a denial.
 */
import {
  type AccessDeniedData,
  accessDeniedType,
  type DeniedTarget,
  type RefusingService,
  Topics,
} from '@vaxledger/contracts';
import { type Clock, type CloudEvent, DomainError, type DomainErrorKind, type EventBus, newId } from '@vaxledger/kernel';
import type { RequestOrigin } from './access-token.guard';
import type { Principal } from './principal';

export { accessDeniedType, type AccessDeniedData, type DeniedTarget } from '@vaxledger/contracts';

/**
 * A refusal on access grounds that is not a 403: answered as its `kind` and `code` say, recorded as a denial.
 * `cause` says why where the code does not (`cross_facility_read_quota`, `step_up_other_subject`, …).
 */
export class AccessRefusal extends DomainError {
  constructor(
    kind: DomainErrorKind,
    code: string,
    message: string,
    details?: unknown,
    readonly refusalCause?: string,
  ) {
    super(kind, code, message, details);
    this.name = 'AccessRefusal';
  }
}

export interface Refusal {
  reason: string;
  cause?: string;
}

/** The reason to record when `error` refuses on access grounds; null for every other error. */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof DomainError)) return null;
  if (!(error instanceof AccessRefusal) && error.kind !== 'forbidden') return null;
  const cause = error instanceof AccessRefusal ? error.refusalCause : undefined;
  return cause ? { reason: error.code, cause } : { reason: error.code };
}

/** The logger the recorder needs (pino's shape). */
export interface DenialLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A handler of the services' shape: `execute(principal, origin, ...arguments)`. */
export interface AccessHandler {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  execute(principal: Principal, origin: RequestOrigin, ...args: any[]): Promise<unknown>;
}

/** The arguments of a handler's `execute` after the principal and the origin. */
export type HandlerArguments<H extends AccessHandler> = H['execute'] extends (
  principal: Principal,
  origin: RequestOrigin,
  ...args: infer A
) => Promise<unknown>
  ? A
  : never;

/** Only plain opaque ids and codes reach the trail: a target value of another shape is left out. */
const idShape = /^[A-Za-z0-9._:-]{1,64}$/;

export function deniedTarget(target: Record<string, unknown>): DeniedTarget {
  const kept: Record<string, string> = {};
  for (const [field, value] of Object.entries(target)) {
    if (typeof value === 'string' && idShape.test(value)) kept[field] = value;
  }
  return kept as DeniedTarget;
}

/** A field of a request body, when it is a plain id (the body itself is never recorded). */
export function idIn(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && idShape.test(value) ? value : undefined;
}

export class AccessDenials {
  private readonly source: string;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: DenialLogger,
    private readonly service: RefusingService,
  ) {
    this.source = `/vaxledger/${service}`;
  }

  async record(
    principal: Principal,
    action: string,
    target: DeniedTarget,
    refusal: Refusal | string,
    correlationId: string,
  ): Promise<void> {
    const { reason, cause } = typeof refusal === 'string' ? { reason: refusal, cause: undefined } : refusal;
    const time = this.clock.now().toISOString();
    const kept = deniedTarget(target as Record<string, unknown>);
    const message: CloudEvent<AccessDeniedData> = {
      specversion: '1.0',
      id: newId(),
      source: this.source,
      type: accessDeniedType,
      time,
      datacontenttype: 'application/json',
      partitionkey: principal.accountId,
      correlationid: correlationId,
      data: {
        service: this.service,
        actor: {
          accountId: principal.accountId,
          role: principal.role,
          facilityId: principal.facilityId,
          provinceCode: principal.provinceCode,
          sessionId: principal.sessionId ?? null,
        },
        action,
        target: kept,
        reason,
        ...(cause ? { cause } : {}),
        outcome: 'denied',
        time,
      },
    };
    this.logger.warn({ actor: principal.accountId, action, target: kept, reason, cause, correlationId }, 'access denied');
    try {
      await this.bus.publish(Topics.auditAccess, [message]);
    } catch (error) {
      // The refusal stands either way; a bus outage must not turn a 403 into a 500.
      this.logger.error({ err: error, action, correlationId }, 'could not publish access denial');
    }
  }

  /**
   * Runs a scope check; when it refuses (403 `out_of_scope`), records the denial before passing it on.
   * `check` returns false or throws to refuse.
   */
  async enforce(
    principal: Principal,
    action: string,
    target: DeniedTarget,
    correlationId: string,
    check: () => boolean | void,
  ): Promise<void> {
    await this.guard(principal, action, target, correlationId, async () => {
      if (check() === false) throw new DomainError('forbidden', 'out_of_scope', 'This is outside your scope.');
    });
  }

  /** Runs `work`; a refusal on access grounds it raises is recorded, then passed on unchanged. */
  async guard<R>(
    principal: Principal,
    action: string,
    target: DeniedTarget,
    correlationId: string,
    work: () => Promise<R>,
  ): Promise<R> {
    try {
      return await work();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) await this.record(principal, action, target, refusal, correlationId);
      throw error;
    }
  }

  /**
   * The same handler, with every refusal on access grounds of its `execute` recorded as `action` on the target
   * `targetOf` names from the call's arguments (ids only). Used where a service composes its handlers, so each
   * route's refusals are recorded whichever check inside the handler (or its decider) raised them.
   */
  recording<H extends AccessHandler>(handler: H, action: string, targetOf: (...args: HandlerArguments<H>) => DeniedTarget): H {
    const execute = handler.execute.bind(handler);
    const recorded: AccessHandler = {
      execute: (principal, origin, ...args) =>
        this.guard(principal, action, targetOf(...(args as HandlerArguments<H>)), origin.correlationId, () =>
          execute(principal, origin, ...args),
        ),
    };
    return Object.assign(Object.create(handler) as H, recorded);
  }
}

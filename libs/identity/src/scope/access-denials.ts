/**
 * Out-of-scope attempts are refused (403) and recorded: a `vaxledger.access.denied` CloudEvent on the audit
 * access topic naming the actor, the action and the ids it aimed at — never personal data.
 */
import type { Principal } from '@vaxledger/auth';
import { Topics } from '@vaxledger/contracts';
import { type Clock, type CloudEvent, DomainError, type EventBus, newId } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';

export interface DeniedTarget {
  accountId?: string;
  facilityId?: string;
  provinceCode?: string;
  requestId?: string;
  sessionId?: string;
}

export interface AccessDeniedData {
  service: 'identity';
  actor: { accountId: string; role: string; facilityId: string | null; provinceCode: string | null };
  action: string;
  target: DeniedTarget;
  reason: string;
  time: string;
}

export const accessDeniedType = 'vaxledger.access.denied';

export class AccessDenials {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async record(principal: Principal, action: string, target: DeniedTarget, reason: string, correlationId: string): Promise<void> {
    const time = this.clock.now().toISOString();
    const message: CloudEvent<AccessDeniedData> = {
      specversion: '1.0',
      id: newId(),
      source: '/vaxledger/identity',
      type: accessDeniedType,
      time,
      datacontenttype: 'application/json',
      partitionkey: principal.accountId,
      correlationid: correlationId,
      data: {
        service: 'identity',
        actor: {
          accountId: principal.accountId,
          role: principal.role,
          facilityId: principal.facilityId,
          provinceCode: principal.provinceCode,
        },
        action,
        target,
        reason,
        time,
      },
    };
    this.logger.warn({ actor: principal.accountId, action, target, correlationId }, 'access denied');
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
    try {
      if (check() === false) throw new DomainError('forbidden', 'out_of_scope', 'This is outside your scope.');
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'forbidden') {
        await this.record(principal, action, target, error.code, correlationId);
      }
      throw error;
    }
  }
}

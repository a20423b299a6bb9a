/**
 * A bus consumer every service adds to its pipeline so that logout, suspension and lockout take effect at once
 * everywhere: `SessionEnded` revokes that session; `AccountSuspended`, `AccountLocked`, `PasswordResetIssued` and
 * `PasswordChanged` refuse every token of the account issued before the event's instant. `AccountReinstated` and `AccountUnlocked` change nothing here:
 * tokens issued after reinstatement pass anyway, and older ones must stay dead. Depends on auth, kernel and contracts only.
 *
 * These are privileged events: they are acted on only when they came from identity's account topic, the one
 * topic whose sole writer is identity (Kafka ACLs from libs/contracts topic-access.ts). The same event type
 * arriving on any other topic, whoever wrote it, is ignored.
 *
 *   consumers: [new RevocationConsumer(new RevocationList(infra.kv))]
 */
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import type { RevocationList } from './revocation';
import type { CloudEvent } from '@vaxledger/kernel';

export const identityAccountTopic = Topics.identityAccount;

/** The account events that set a "not valid before" instant, and the field of their data that holds it. */
const instantFieldOf: Record<string, string> = {
  AccountSuspended: 'suspendedAt',
  AccountLocked: 'lockedAt',
  PasswordResetIssued: 'issuedAt',
  PasswordChanged: 'changedAt',
};

/** The part of the bus context (runtime's BusContext) this consumer reads. */
export interface DeliveredOnTopic {
  getTopic(): string;
}

export class RevocationConsumer {
  constructor(private readonly revocations: RevocationList) {}

  @EventPattern(identityAccountTopic, { group: 'session-revocations' })
  async handle(message: CloudEvent, context: DeliveredOnTopic): Promise<void> {
    // The server delivers only this topic here; checked again because a privileged event must come from it.
    if (context.getTopic() !== identityAccountTopic) return;
    const data = (message.data ?? {}) as Record<string, unknown>;
    const instantField = Object.hasOwn(instantFieldOf, message.type) ? instantFieldOf[message.type] : undefined;
    if (message.type === 'SessionEnded' && typeof data.sessionId === 'string') {
      await this.revocations.revokeSession(data.sessionId);
    } else if (instantField && typeof data.accountId === 'string') {
      const at = data[instantField];
      const instant = typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at) : new Date(message.time ?? Date.now());
      await this.revocations.revokeTokensIssuedBefore(data.accountId, instant);
    }
  }
}

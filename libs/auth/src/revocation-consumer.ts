/**
 * A bus consumer every service adds to its pipeline so that logout, suspension and lockout take effect at once
 * everywhere: `SessionEnded` revokes that session; `AccountSuspended`, `AccountLocked`, `PasswordResetIssued` and
 * `PasswordChanged` refuse every token of the account issued before the event's instant. `AccountReinstated` and `AccountUnlocked` change nothing here:
 * tokens issued after reinstatement pass anyway, and older ones must stay dead. Depends on auth and kernel only.
 *
 * These are privileged events: they are acted on only when they came from identity's account topic, the one
 * topic whose sole writer is identity (Kafka ACLs from libs/contracts topic-access.ts). The same event type
 * arriving on any other topic, whoever wrote it, is ignored.
 *
 *   consumers: [revocationConsumer(new RevocationList(infra.kv))]
 */
import type { RevocationList } from './revocation';
import type { CloudEvent, DeliveryContext } from '@vaxledger/kernel';

/** `Topics.identityAccount`, spelled out so this file needs nothing but auth and kernel. */
export const identityAccountTopic = 'vaxledger.identity.account.v1';

/** The account events that set a "not valid before" instant, and the field of their data that holds it. */
const instantFieldOf: Record<string, string> = {
  AccountSuspended: 'suspendedAt',
  AccountLocked: 'lockedAt',
  PasswordResetIssued: 'issuedAt',
  PasswordChanged: 'changedAt',
};

export interface RevocationConsumer {
  groupId: string;
  topics: string[];
  handle(message: CloudEvent, context: Pick<DeliveryContext, 'topic'>): Promise<void>;
}

export function revocationConsumer(revocations: RevocationList): RevocationConsumer {
  return {
    groupId: 'session-revocations',
    topics: [identityAccountTopic],
    async handle(message, context) {
      if (context.topic !== identityAccountTopic) return;
      const data = (message.data ?? {}) as Record<string, unknown>;
      const instantField = Object.hasOwn(instantFieldOf, message.type) ? instantFieldOf[message.type] : undefined;
      if (message.type === 'SessionEnded' && typeof data.sessionId === 'string') {
        await revocations.revokeSession(data.sessionId);
      } else if (instantField && typeof data.accountId === 'string') {
        const at = data[instantField];
        const instant = typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at) : new Date(message.time ?? Date.now());
        await revocations.revokeTokensIssuedBefore(data.accountId, instant);
      }
    },
  };
}

/**
 * A bus consumer every service adds to its pipeline so that logout, suspension and lockout take effect at once
 * everywhere: `SessionEnded` revokes that session; `AccountSuspended` and `AccountLocked` refuse every token of
 * the account issued before the event's instant. `AccountReinstated` and `AccountUnlocked` change nothing here:
 * tokens issued after reinstatement pass anyway, and older ones must stay dead. Depends on auth, kernel and contracts only.
 *
 * These are privileged events: they are acted on only when they came from identity's account topic, the one
 * topic whose sole writer is identity (Kafka ACLs from libs/contracts topic-access.ts). The same event type
 * arriving on any other topic, whoever wrote it, is ignored.
 *
 *   consumers: [revocationConsumer(new RevocationList(infra.kv))]
 */
import { Topics, type TopicName } from '@vaxledger/contracts';
import type { RevocationList } from './revocation';
import type { CloudEvent, DeliveryContext } from '@vaxledger/kernel';

export const identityAccountTopic = Topics.identityAccount;

export interface RevocationConsumer {
  groupId: string;
  topics: TopicName[];
  handle(message: CloudEvent, context: Pick<DeliveryContext, 'topic'>): Promise<void>;
}

export function revocationConsumer(revocations: RevocationList): RevocationConsumer {
  return {
    groupId: 'session-revocations',
    topics: [identityAccountTopic],
    async handle(message, context) {
      if (context.topic !== identityAccountTopic) return;
      const data = (message.data ?? {}) as { accountId?: unknown; sessionId?: unknown; suspendedAt?: unknown; lockedAt?: unknown };
      if (message.type === 'SessionEnded' && typeof data.sessionId === 'string') {
        await revocations.revokeSession(data.sessionId);
      } else if ((message.type === 'AccountSuspended' || message.type === 'AccountLocked') && typeof data.accountId === 'string') {
        const at = message.type === 'AccountSuspended' ? data.suspendedAt : data.lockedAt;
        const instant = typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at) : new Date(message.time ?? Date.now());
        await revocations.revokeTokensIssuedBefore(data.accountId, instant);
      }
    },
  };
}

/**
 * A bus consumer every service adds to its pipeline so that logout and suspension take effect at once
 * everywhere: `SessionEnded` revokes that session, `AccountSuspended` the whole account, and
 * `AccountReinstated` lifts the account entry so new sign-ins work. Depends on auth and kernel only.
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
      const data = (message.data ?? {}) as { accountId?: unknown; sessionId?: unknown };
      if (message.type === 'SessionEnded' && typeof data.sessionId === 'string') {
        await revocations.revokeSession(data.sessionId);
      } else if (message.type === 'AccountSuspended' && typeof data.accountId === 'string') {
        await revocations.revokeAccount(data.accountId);
      } else if (message.type === 'AccountReinstated' && typeof data.accountId === 'string') {
        await revocations.clearAccount(data.accountId);
      }
    },
  };
}

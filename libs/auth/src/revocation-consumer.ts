/**
 * A bus consumer every service adds to its pipeline so that logout and suspension take effect at once
 * everywhere: `SessionEnded` revokes that session, `AccountSuspended` the whole account, and
 * `AccountReinstated` lifts the account entry so new sign-ins work. Depends on auth and kernel only.
 *
 *   consumers: [revocationConsumer(new RevocationList(infra.kv))]
 */
import type { RevocationList } from './revocation';
import type { CloudEvent } from '@vaxledger/kernel';

/** `Topics.identityAccount`, spelled out so this file needs nothing but auth and kernel. */
export const identityAccountTopic = 'vaxledger.identity.account.v1';

export interface RevocationConsumer {
  groupId: string;
  topics: string[];
  handle(message: CloudEvent): Promise<void>;
}

export function revocationConsumer(revocations: RevocationList): RevocationConsumer {
  return {
    groupId: 'session-revocations',
    topics: [identityAccountTopic],
    async handle(message) {
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

import type { Principal } from './principal';
import { RevocationList } from './revocation';
import { Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { identityAccountTopic, revocationConsumer } from './revocation-consumer';

const message = (type: string, data: object): CloudEvent => ({
  specversion: '1.0',
  id: `${type}-1`,
  source: '/vaxledger/identity',
  type,
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  partitionkey: 'acc-1',
  data,
});

const fromIdentity = { topic: Topics.identityAccount };

const principal: Principal = { accountId: 'acc-1', role: 'staff', rights: [], facilityId: 'f', provinceCode: '01', sessionId: 's-1' };

describe('the revocation consumer other services add to their pipelines', () => {
  it('listens on the identity account topic', () => {
    expect(revocationConsumer(new RevocationList(new MemoryStore())).topics).toEqual([Topics.identityAccount]);
    expect(identityAccountTopic).toBe(Topics.identityAccount);
  });

  it('revokes a session when it ends, and a whole account when it is suspended until it is reinstated', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = revocationConsumer(revocations);
    await consumer.handle(message('SessionEnded', { sessionId: 's-1', accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked(principal)).toBe(true);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' })).toBe(false);
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' })).toBe(true);
    await consumer.handle(message('AccountReinstated', { accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' })).toBe(false);
  });

  it('ignores privileged events that arrive on any topic but identity\'s own, whoever published them', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = revocationConsumer(revocations);
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked(principal)).toBe(true);
    // A forged reinstatement on a topic another service may write (or an unknown one) changes nothing.
    for (const topic of [Topics.registrySubject, Topics.auditAccess, `${Topics.identityAccount}.dlq`, 'vaxledger.identity.account.v2']) {
      await consumer.handle(message('AccountReinstated', { accountId: 'acc-1' }), { topic });
    }
    expect(await revocations.isRevoked(principal)).toBe(true);
    await consumer.handle(message('SessionEnded', { sessionId: 's-9', accountId: 'acc-1' }), { topic: Topics.registrySubject });
    expect(await revocations.isRevoked({ ...principal, accountId: 'acc-2', sessionId: 's-9' })).toBe(false);
    await consumer.handle(message('AccountReinstated', { accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked(principal)).toBe(false);
  });
});

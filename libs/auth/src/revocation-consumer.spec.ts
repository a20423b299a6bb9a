import type { Principal } from './principal';
import { RevocationList } from './revocation';
import { Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { identityAccountTopic, RevocationConsumer } from './revocation-consumer';

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

const fromIdentity = { getTopic: () => Topics.identityAccount };

const principal: Principal = { accountId: 'acc-1', role: 'staff', rights: [], facilityId: 'f', provinceCode: '01', sessionId: 's-1' };

describe('the revocation consumer other services add to their pipelines', () => {
  it('listens on the identity account topic', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, RevocationConsumer.prototype.handle)).toEqual([Topics.identityAccount]);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, RevocationConsumer.prototype.handle)).toEqual({ group: 'session-revocations' });
    expect(identityAccountTopic).toBe(Topics.identityAccount);
  });

  it('revokes a session when it ends, and every older token of a suspended account even after reinstatement', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = new RevocationConsumer(revocations);
    const suspendedAt = new Date();
    const before = suspendedAt.getTime() - 60_000;
    const after = suspendedAt.getTime() + 60_000;
    await consumer.handle(message('SessionEnded', { sessionId: 's-1', accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked(principal, after)).toBe(true);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' }, before)).toBe(false);
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-1', suspendedAt: suspendedAt.toISOString() }), fromIdentity);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' }, before)).toBe(true);
    await consumer.handle(message('AccountReinstated', { accountId: 'acc-1', reinstatedAt: new Date(after).toISOString() }), fromIdentity);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-2' }, before)).toBe(true);
    expect(await revocations.isRevoked({ ...principal, sessionId: 's-3' }, after)).toBe(false);
  });

  it('refuses tokens issued before a lock, keeps the latest instant, and ignores instants too old to matter', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = new RevocationConsumer(revocations);
    const lockedAt = new Date();
    await consumer.handle(message('AccountLocked', { accountId: 'acc-1', lockedAt: lockedAt.toISOString() }), fromIdentity);
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-1', suspendedAt: new Date(lockedAt.getTime() - 5_000).toISOString() }), fromIdentity);
    expect(await revocations.notValidBefore('acc-1')).toBe(lockedAt.getTime());
    await consumer.handle(message('AccountUnlocked', { accountId: 'acc-1' }), fromIdentity);
    expect(await revocations.isRevoked(principal, lockedAt.getTime() - 1_000)).toBe(true);
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-2', suspendedAt: new Date(Date.now() - 3600_000).toISOString() }), fromIdentity);
    expect(await revocations.notValidBefore('acc-2')).toBeNull();
  });

  it('refuses every token issued before a password reset or a password change, also after reinstatement', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = new RevocationConsumer(revocations);
    const issuedAt = new Date();
    await consumer.handle(message('PasswordResetIssued', { accountId: 'acc-1', issuedBy: 'admin', issuedAt: issuedAt.toISOString() }), fromIdentity);
    expect(await revocations.notValidBefore('acc-1')).toBe(issuedAt.getTime());
    await consumer.handle(message('AccountReinstated', { accountId: 'acc-1', reinstatedAt: new Date(issuedAt.getTime() + 1).toISOString() }), fromIdentity);
    expect(await revocations.isRevoked(principal, issuedAt.getTime() - 1_000)).toBe(true);
    const changedAt = new Date(issuedAt.getTime() + 30_000);
    await consumer.handle(message('PasswordChanged', { accountId: 'acc-1', changedAt: changedAt.toISOString() }), fromIdentity);
    expect(await revocations.notValidBefore('acc-1')).toBe(changedAt.getTime());
    expect(await revocations.isRevoked(principal, changedAt.getTime() + 1_000)).toBe(false);
    // A data field named like an instant does not turn any other event type into a revocation.
    await consumer.handle(message('AccountReviewed', { accountId: 'acc-2', issuedAt: issuedAt.toISOString() }), fromIdentity);
    expect(await revocations.notValidBefore('acc-2')).toBeNull();
  });

  it('ignores privileged events that arrive on any topic but identity\'s own, whoever published them', async () => {
    const revocations = new RevocationList(new MemoryStore());
    const consumer = new RevocationConsumer(revocations);
    const issuedBefore = Date.now() - 60_000;
    // A forged suspension or session end on a topic another service may write (or an unknown one) revokes nothing…
    for (const topic of [Topics.registrySubject, Topics.auditAccess, `${Topics.identityAccount}.dlq`, 'vaxledger.identity.account.v2']) {
      await consumer.handle(message('AccountSuspended', { accountId: 'acc-1', suspendedAt: new Date().toISOString() }), { getTopic: () => topic });
      await consumer.handle(message('SessionEnded', { sessionId: 's-1', accountId: 'acc-1' }), { getTopic: () => topic });
    }
    expect(await revocations.isRevoked(principal, issuedBefore)).toBe(false);
    expect(await revocations.notValidBefore('acc-1')).toBeNull();
    // …while the same suspension from identity's own topic does.
    await consumer.handle(message('AccountSuspended', { accountId: 'acc-1', suspendedAt: new Date().toISOString() }), fromIdentity);
    expect(await revocations.isRevoked(principal, issuedBefore)).toBe(true);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { MemoryStore } from '@vaxledger/kv-store';
import { signStepUpToken } from './access-tokens';
import type { Principal } from './principal';
import { StepUpGate } from './step-up';

describe('StepUpGate', () => {
  const keys = generateKeyPairSync('ed25519');
  const caller: Principal = { accountId: 'a-1', role: 'staff', rights: ['subject_management'], facilityId: 'f-1', provinceCode: '01', sessionId: 's-1' };
  const issuedAt = new Date('2021-08-02T02:00:00Z');
  const at = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);
  let kv: MemoryStore;
  let gate: StepUpGate;
  beforeEach(() => {
    kv = new MemoryStore();
    gate = new StepUpGate(keys.publicKey, kv);
  });
  afterEach(() => kv.close());
  const token = (overrides: Partial<{ subjectId: string; fields: Array<'fullName' | 'dateOfBirth'> | null; sessionId: string }> = {}, ttl = 300) =>
    signStepUpToken({ accountId: 'a-1', sessionId: 's-1', subjectId: 'subject-A', fields: null, ...overrides }, `t-${Math.random()}`, keys.privateKey, ttl, issuedAt);

  it('accepts a fitting token once', async () => {
    const t = await token();
    await gate.consume(t, caller, { subjectId: 'subject-A', fields: ['fullName', 'phone'] }, at(10));
    await expect(gate.consume(t, caller, { subjectId: 'subject-A', fields: ['fullName'] }, at(11))).rejects.toMatchObject({ code: 'step_up_required' });
  });

  it('refuses a token after five minutes even when asked for longer', async () => {
    const t = await token({}, 3600);
    await expect(gate.consume(t, caller, { subjectId: 'subject-A', fields: ['fullName'] }, at(301))).rejects.toMatchObject({ code: 'step_up_required' });
  });

  it('refuses another subject, another session and an uncovered field without consuming the token', async () => {
    const t = await token({ fields: ['fullName'] });
    await expect(gate.consume(t, caller, { subjectId: 'subject-B', fields: ['fullName'] }, at(1))).rejects.toMatchObject({ code: 'step_up_required' });
    await expect(gate.consume(t, { ...caller, sessionId: 's-2' }, { subjectId: 'subject-A', fields: ['fullName'] }, at(1))).rejects.toMatchObject({ code: 'step_up_required' });
    await expect(gate.consume(t, caller, { subjectId: 'subject-A', fields: ['dateOfBirth'] }, at(1))).rejects.toMatchObject({ code: 'step_up_required' });
    await expect(gate.consume(t, caller, { subjectId: 'subject-A', fields: ['fullName', 'phone'] }, at(2))).resolves.toBeUndefined();
  });
});

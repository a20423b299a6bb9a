import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@vaxledger/auth';
import { DomainError } from '@vaxledger/kernel';
import { SqliteStore } from '@vaxledger/kv-store';
import { CrossFacilityReadGate } from './cross-facility-read-gate';
import { readPurposeOf } from './read-purposes';

const nurse = (facilityId: string, accountId = 'acc-nurse'): Principal => ({
  accountId,
  role: 'staff',
  rights: ['data_entry'],
  facilityId,
  provinceCode: '01',
  sessionId: 's1',
});
const nationalAdmin: Principal = { accountId: 'acc-national', role: 'national_admin', rights: [], facilityId: null, provinceCode: null, sessionId: 's2' };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the cross-facility read gate (on the real SQLite key-value store)', () => {
  let dir: string;
  let kv: SqliteStore;
  const now = new Date('2026-12-03T08:10:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaxledger-read-gate-'));
    kv = new SqliteStore(join(dir, 'kv.db'));
  });
  afterEach(async () => {
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the managing facility read without a purpose and without counting', async () => {
    const gate = new CrossFacilityReadGate(kv, 1, 'test');
    for (let i = 0; i < 3; i++) {
      expect(await gate.admit(nurse('fac-hanoi'), null, 'fac-hanoi', now)).toEqual({ purpose: null, crossFacility: false });
    }
  });

  it('asks another facility, an administrator, or anyone when the managing facility is unknown, for a purpose', async () => {
    const gate = new CrossFacilityReadGate(kv, 10, 'test');
    expect((await refusal(gate.admit(nurse('fac-saigon'), null, 'fac-hanoi', now))).code).toBe('purpose_required');
    expect((await refusal(gate.admit(nationalAdmin, '  ', 'fac-hanoi', now))).code).toBe('purpose_invalid');
    expect((await refusal(gate.admit(nurse('fac-hanoi'), null, null, now))).code).toBe('purpose_required');
    expect(await gate.admit(nationalAdmin, 'audit', 'fac-hanoi', now)).toEqual({ purpose: 'audit', crossFacility: true });
  });

  it('refuses a purpose outside the fixed list, even on the own facility’s subjects', async () => {
    const gate = new CrossFacilityReadGate(kv, 10, 'test');
    const refused = await refusal(gate.admit(nurse('fac-hanoi'), 'vaccination visit', 'fac-hanoi', now));
    expect(refused.code).toBe('purpose_invalid');
    expect(refused.details).toEqual({ allowed: ['vaccination', 'correction', 'transfer', 'audit', 'other'] });
    expect(() => readPurposeOf('Nguyễn Văn An')).toThrow(DomainError);
    // Written exactly as listed: the document's enum is the whole rule.
    for (const header of ['', ' ', 'AUDIT', ' audit']) expect(() => readPurposeOf(header)).toThrow(DomainError);
  });

  it('counts per account and hour, and says when the hour ends', async () => {
    const gate = new CrossFacilityReadGate(kv, 2, 'test');
    const reader = nurse('fac-saigon', 'acc-reader');
    await gate.admit(reader, 'vaccination', 'fac-hanoi', now);
    await gate.admit(reader, 'other', 'fac-danang', now);
    const refused = await refusal(gate.admit(reader, 'vaccination', 'fac-hanoi', now));
    expect(refused.code).toBe('rate_limited');
    expect(refused.details).toEqual({ retryAfterSeconds: 50 * 60 });
    // A colleague has a quota of their own; the next hour starts afresh.
    await gate.admit(nurse('fac-saigon', 'acc-colleague'), 'vaccination', 'fac-hanoi', now);
    await gate.admit(reader, 'vaccination', 'fac-hanoi', new Date('2026-12-03T09:00:00Z'));
  });

  it('refuses a quota that is not a positive whole number', () => {
    expect(() => new CrossFacilityReadGate(kv, 0, 'test')).toThrow();
  });
});

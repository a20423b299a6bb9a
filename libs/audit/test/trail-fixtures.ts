/** Trail entries for tests: realistic drafts and sealed chains. */
import type { TrailEntry, TrailEntryDraft } from '@vaxledger/audit';
import { genesisHead, sealEntry } from '@vaxledger/audit';

export function accessDraft(n: number, overrides: Partial<TrailEntryDraft> = {}): TrailEntryDraft {
  return {
    eventId: `0190a5c4-0000-7000-8000-${String(n).padStart(12, '0')}`,
    topic: 'vaxledger.audit.access.v1',
    type: 'vaxledger.access.recorded',
    source: '/vaxledger/registry',
    occurredAt: '2024-05-01T15:00:00+07:00',
    partitionKey: `acc-${n % 3}`,
    correlationId: `corr-${n}`,
    actor: { accountId: `acc-${n % 3}`, facilityId: n % 2 ? 'fac-1' : null, provinceCode: '79' },
    subjectIds: [`sub-${n}`, `sub-${n + 1}`],
    provinceCode: '79',
    facilityId: n % 2 ? 'fac-1' : null,
    payload: {
      action: 'subject.search',
      ip: '10.0.0.1',
      userAgent: 'Mozilla/5.0 (Việt)',
      resultCount: 2,
      nested: { ok: true, n: null },
    },
    maskedFields: ['fullName', 'phone'],
    ...overrides,
  };
}

export function sealedChain(
  length: number,
  startAt = new Date('2024-05-01T08:00:00.000Z'),
  first = 1,
): TrailEntry[] {
  const entries: TrailEntry[] = [];
  let head = genesisHead;
  for (let n = first; n < first + length; n++) {
    const entry = sealEntry(accessDraft(n), head, new Date(startAt.getTime() + (n - first) * 1000));
    entries.push(entry);
    head = { sequence: entry.sequence, hash: entry.hash };
  }
  return entries;
}

import { generateKeyPairSync } from 'node:crypto';
import { ChainVerifier } from './chain-verification';
import { signCheckpoint } from './signed-checkpoint';
import { entryHash, genesisHead, sealEntry, type TrailEntry, type TrailEntryDraft } from './trail-entry';

const { privateKey } = generateKeyPairSync('ed25519');

function draft(n: number): TrailEntryDraft {
  return {
    eventId: `event-${n}`,
    topic: 'vaxledger.audit.access.v1',
    type: 'vaxledger.access.recorded',
    source: '/vaxledger/registry',
    occurredAt: '2024-05-01T08:00:00.000Z',
    partitionKey: `acc-${n}`,
    correlationId: null,
    actor: { accountId: `acc-${n}`, facilityId: null, provinceCode: '01' },
    subjectIds: [`sub-${n}`],
    provinceCode: '01',
    facilityId: null,
    payload: { action: 'subject.read' },
    maskedFields: [],
  };
}

function chain(length: number): TrailEntry[] {
  const entries: TrailEntry[] = [];
  let head = genesisHead;
  for (let n = 1; n <= length; n++) {
    const entry = sealEntry(draft(n), head, new Date(Date.UTC(2024, 4, 1, 8, 0, n)));
    entries.push(entry);
    head = { sequence: entry.sequence, hash: entry.hash };
  }
  return entries;
}

function verify(entries: TrailEntry[], verifier = new ChainVerifier(genesisHead, [])) {
  for (const entry of entries) if (!verifier.feed(entry)) break;
  return verifier.finish();
}

describe('verifying the hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(verify(chain(5))).toBeNull();
  });

  it('hashes canonical(entry without hash) followed by the previous hash', () => {
    const [first, second] = chain(2);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(entryHash(second)).toBe(second.hash);
  });

  it('names a modified entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], actor: { ...entries[2].actor, accountId: 'someone-else' } };
    expect(verify(entries)).toMatchObject({ sequence: 3, eventId: 'event-3', reason: 'entry_modified' });
  });

  it('names a modified entry whose hash was recomputed, through the broken link to it', () => {
    const entries = chain(5);
    const forged = { ...entries[2], subjectIds: ['another-subject'] };
    entries[2] = { ...forged, hash: entryHash(forged) };
    expect(verify(entries)).toMatchObject({ sequence: 3, eventId: 'event-3', reason: 'link_broken' });
  });

  it('names the first missing entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verify(entries)).toMatchObject({ sequence: 2, reason: 'entry_missing', eventId: null });
  });

  it('names the first place of two swapped entries', () => {
    const entries = chain(5);
    const third = { ...entries[3], sequence: 3 };
    const fourth = { ...entries[2], sequence: 4 };
    entries[2] = third;
    entries[3] = fourth;
    expect(verify(entries)).toMatchObject({ sequence: 3, reason: 'entry_modified', eventId: 'event-4' });
  });

  it('notices entries cut off the end when a signed checkpoint covers them', () => {
    const entries = chain(5);
    const checkpoint = signCheckpoint(
      'periodic',
      { sequence: 5, hash: entries[4].hash },
      new Date(),
      privateKey,
    );
    const verifier = new ChainVerifier(genesisHead, [checkpoint]);
    expect(verify(entries.slice(0, 3), verifier)).toMatchObject({ sequence: 4, reason: 'entry_missing' });
  });

  it('notices a chain rewritten from the start, against a signed checkpoint', () => {
    const original = chain(4);
    const checkpoint = signCheckpoint(
      'periodic',
      { sequence: 4, hash: original[3].hash },
      new Date(),
      privateKey,
    );
    // Rebuilt from scratch with one entry altered: every hash is internally consistent.
    const rewritten: TrailEntry[] = [];
    let head = genesisHead;
    for (let n = 1; n <= 4; n++) {
      const d = n === 2 ? { ...draft(n), subjectIds: ['hidden'] } : draft(n);
      const entry = sealEntry(d, head, new Date(Date.UTC(2024, 4, 1, 8, 0, n)));
      rewritten.push(entry);
      head = { sequence: entry.sequence, hash: entry.hash };
    }
    expect(verify(rewritten, new ChainVerifier(genesisHead, [checkpoint]))).toMatchObject({
      sequence: 4,
      reason: 'checkpoint_mismatch',
    });
  });

  it('starts after a retention boundary and checks the first remaining entry links to it', () => {
    const entries = chain(6);
    const anchor = { sequence: 3, hash: entries[2].hash };
    expect(verify(entries.slice(3), new ChainVerifier(anchor, []))).toBeNull();
    expect(verify(entries.slice(4), new ChainVerifier(anchor, []))).toMatchObject({
      sequence: 4,
      reason: 'entry_missing',
    });
    const wrongAnchor = { sequence: 3, hash: entries[1].hash };
    expect(verify(entries.slice(3), new ChainVerifier(wrongAnchor, []))).toMatchObject({
      sequence: 4,
      reason: 'link_broken',
    });
  });
});

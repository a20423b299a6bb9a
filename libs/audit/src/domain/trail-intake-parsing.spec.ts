import { Topics } from '@vaxledger/contracts';
import type { CloudEvent } from '@vaxledger/kernel';
import { parseForTrail } from './trail-intake-parsing';

function message(type: string, data: unknown, overrides: Partial<CloudEvent> = {}): CloudEvent {
  return {
    specversion: '1.0',
    id: '0190a5c4-0000-7000-8000-000000000001',
    source: '/vaxledger/registry',
    type,
    time: '2024-05-01T15:00:00+07:00',
    datacontenttype: 'application/json',
    partitionkey: 'key-1',
    correlationid: 'corr-1',
    data,
    ...overrides,
  };
}

describe('reading bus messages into trail entries', () => {
  it('reads an access record with a nested actor: who, whom, why', () => {
    const parsed = parseForTrail(
      message('vaxledger.access.recorded', {
        action: 'subject.read',
        actor: { accountId: 'acc-1', facilityId: 'fac-1', provinceCode: '79' },
        subjectIds: ['sub-1'],
        purpose: 'vaccination',
        at: '2024-05-01T08:00:00.000Z',
      }),
      Topics.auditAccess,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft).toMatchObject({
      eventId: '0190a5c4-0000-7000-8000-000000000001',
      topic: Topics.auditAccess,
      type: 'vaxledger.access.recorded',
      occurredAt: '2024-05-01T15:00:00+07:00',
      actor: { accountId: 'acc-1', facilityId: 'fac-1', provinceCode: '79' },
      subjectIds: ['sub-1'],
      provinceCode: '79',
      facilityId: 'fac-1',
      correlationId: 'corr-1',
    });
    expect(parsed.draft.payload).toMatchObject({ action: 'subject.read', purpose: 'vaccination' });
  });

  it('reads a denial: the refused account, the subjects of its target, the reason and cause kept', () => {
    const parsed = parseForTrail(
      message('vaxledger.access.denied', {
        service: 'registry',
        actor: { accountId: 'acc-2', role: 'staff', facilityId: 'fac-2', provinceCode: '01', sessionId: 'ses-2' },
        action: 'subject.merge',
        target: { subjectId: 'sub-1', duplicateSubjectId: 'sub-2' },
        reason: 'step_up_required',
        cause: 'step_up_other_subject',
        outcome: 'denied',
        time: '2024-05-01T08:00:00.000Z',
      }),
      Topics.auditAccess,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft).toMatchObject({
      type: 'vaxledger.access.denied',
      actor: { accountId: 'acc-2', facilityId: 'fac-2', provinceCode: '01' },
      subjectIds: ['sub-1', 'sub-2'],
    });
    expect(parsed.draft.payload).toMatchObject({ reason: 'step_up_required', cause: 'step_up_other_subject', outcome: 'denied' });
    expect(parsed.draft.maskedFields).toEqual([]);
    // Only a denial's target names subjects; another event's `target` is not read for them.
    const other = parseForTrail(message('vaxledger.something', { target: { subjectId: 'sub-9' } }), Topics.registrySubject);
    expect(other.ok && other.draft.subjectIds).toEqual(['key-1']);
  });

  it('reads the registry access record, whose actor is its accountId and scope', () => {
    const parsed = parseForTrail(
      message('vaxledger.access.recorded', {
        accessId: 'a1',
        service: 'registry',
        action: 'subject.search',
        accountId: 'acc-2',
        role: 'staff',
        facilityId: 'fac-2',
        provinceCode: '01',
        subjectIds: ['s1', 's2'],
        purpose: null,
        criteria: 'fullName+phone',
        resultCount: 2,
      }),
      Topics.auditAccess,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft.actor).toEqual({ accountId: 'acc-2', facilityId: 'fac-2', provinceCode: '01' });
    expect(parsed.draft.subjectIds).toEqual(['s1', 's2']);
    expect(parsed.draft.payload).toMatchObject({
      criteria: 'fullName+phone',
      resultCount: 2,
      service: 'registry',
    });
  });

  it('takes the account signing in as the actor of a login attempt, with IP and user agent', () => {
    const parsed = parseForTrail(
      message('LoginAttempted', {
        accountId: 'acc-3',
        outcome: 'success',
        method: 'totp',
        ip: '10.1.1.1',
        userAgent: 'curl/8',
        provinceCode: '48',
        facilityId: null,
      }),
      Topics.identityLogin,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft.actor).toEqual({ accountId: 'acc-3', facilityId: null, provinceCode: '48' });
    expect(parsed.draft.payload).toMatchObject({ ip: '10.1.1.1', userAgent: 'curl/8', outcome: 'success' });
  });

  it('does not take the subject of an account event for its actor', () => {
    const parsed = parseForTrail(
      message('AccountGranted', { accountId: 'acc-new', role: 'staff' }),
      Topics.identityAccount,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft.actor.accountId).toBeNull();
  });

  it('finds every subject a domain event concerns, and uses the key of the subject topic when the data names none', () => {
    const merged = parseForTrail(
      message('vaxledger.registry.subject.merged', { subjectId: 's1', survivorSubjectId: 's2' }),
      Topics.registrySubject,
    );
    if (!merged.ok) throw new Error(merged.error);
    expect(merged.draft.subjectIds).toEqual(['s1', 's2']);
    const keyed = parseForTrail(
      message('vaxledger.registry.subject.other', {}, { partitionkey: 's9' }),
      Topics.registrySubject,
    );
    if (!keyed.ok) throw new Error(keyed.error);
    expect(keyed.draft.subjectIds).toEqual(['s9']);
  });

  it('keeps an event type it has never seen, with its ids', () => {
    const parsed = parseForTrail(
      message('SomethingNew', { planId: 'p1', secretNote: 'x' }),
      Topics.immunizationRecord,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft.payload).toEqual({ planId: 'p1' });
    expect(parsed.draft.maskedFields).toEqual(['secretNote']);
  });

  it('refuses data that is not an object', () => {
    expect(parseForTrail(message('X', 'plain text'), Topics.identityAccount)).toEqual({
      ok: false,
      error: 'data must be a JSON object, got string',
    });
    expect(parseForTrail(message('X', null), Topics.identityAccount).ok).toBe(false);
  });

  it('refuses an access record that does not say who looked or what they did', () => {
    expect(
      parseForTrail(
        message('vaxledger.access.recorded', { subjectIds: ['s'], action: 'subject.read' }),
        Topics.auditAccess,
      ),
    ).toEqual({
      ok: false,
      error: 'an access record needs "actor.accountId"',
    });
    expect(
      parseForTrail(
        message('vaxledger.access.recorded', { actor: { accountId: 'a' }, subjectIds: [] }),
        Topics.auditAccess,
      ).ok,
    ).toBe(false);
    expect(
      parseForTrail(
        message('vaxledger.access.recorded', { actor: { accountId: 'a' }, action: 'x' }),
        Topics.auditAccess,
      ).ok,
    ).toBe(false);
  });

  it('refuses subject ids that are not ids', () => {
    expect(parseForTrail(message('X', { subjectIds: [42] }), Topics.registrySubject)).toEqual({
      ok: false,
      error: '"subjectIds" must be a list of ids',
    });
  });
});

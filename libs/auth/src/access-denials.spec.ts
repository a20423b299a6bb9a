import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Topics } from '@vaxledger/contracts';
import { InProcessEventBus } from '@vaxledger/event-bus';
import { type CloudEvent, DomainError, validationError } from '@vaxledger/kernel';
import { AccessDenials, AccessRefusal, idIn, refusalOf } from './access-denials';
import type { RequestOrigin } from './access-token.guard';
import type { Principal } from './principal';
import { stepUpRequired } from './step-up';

const docs = resolve(__dirname, '../../../docs');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of ['cloudevent-envelope', 'access-denied']) {
  ajv.addSchema(JSON.parse(readFileSync(join(docs, 'schemas', `${name}.json`), 'utf8')), `${name}.json`);
}
const documented = ajv.getSchema('access-denied.json')!;

const nurse: Principal = {
  accountId: 'acc-nurse',
  role: 'staff',
  rights: ['data_entry', 'subject_management'],
  facilityId: 'fac-saigon',
  provinceCode: '79',
  sessionId: 'session-phone',
};
const origin: RequestOrigin = { ip: '10.0.0.1', userAgent: 'jest', correlationId: 'req-7', purpose: null };
const clock = { now: () => new Date('2026-12-04T07:00:00Z') };
const logger = { warn: () => undefined, error: () => undefined };

class ProfileChange {
  readonly changed: string[] = [];
  async execute(principal: Principal, _origin: RequestOrigin, subjectId: string, body: unknown): Promise<{ subjectId: string }> {
    if ((body as { fullName?: string }).fullName === 'Kẻ Mạo Danh') throw stepUpRequired('Another person.', 'step_up_other_subject');
    if (principal.role !== 'staff') throw new DomainError('forbidden', 'out_of_scope', 'Not yours.');
    if (subjectId === 'missing') throw validationError('validation_failed', 'Bad body.');
    this.changed.push(subjectId);
    return { subjectId };
  }
}

describe('access denials (on the real in-process bus)', () => {
  let bus: InProcessEventBus;
  let published: CloudEvent[];

  beforeEach(async () => {
    bus = new InProcessEventBus();
    published = [];
    await bus.subscribe({ groupId: 'test', topics: [Topics.auditAccess], handler: async (m) => void published.push(m) });
  });
  afterEach(() => bus.close());

  const arrived = async (count: number) => {
    for (let i = 0; i < 200 && published.length < count; i++) await new Promise((r) => setTimeout(r, 5));
    return published;
  };

  it('publishes a denial of the refusing service with ids and codes only, as the AsyncAPI document describes it', async () => {
    const denials = new AccessDenials(bus, clock, logger, 'registry');
    const handler = denials.recording(new ProfileChange(), 'subject.profile.change', (subjectId, body) => ({
      subjectId,
      facilityId: idIn(body, 'facilityId'),
    }));
    await expect(handler.execute(nurse, origin, 'subject-b', { fullName: 'Kẻ Mạo Danh', facilityId: 'Nguyễn Văn An' })).rejects.toMatchObject({
      code: 'step_up_required',
    });
    const [denial] = await arrived(1);
    expect(denial).toMatchObject({
      type: 'vaxledger.access.denied',
      source: '/vaxledger/registry',
      partitionkey: 'acc-nurse',
      correlationid: 'req-7',
      data: {
        service: 'registry',
        actor: { accountId: 'acc-nurse', role: 'staff', facilityId: 'fac-saigon', provinceCode: '79', sessionId: 'session-phone' },
        action: 'subject.profile.change',
        // A "facility id" that is not an id (here a name) is left out.
        target: { subjectId: 'subject-b' },
        reason: 'step_up_required',
        cause: 'step_up_other_subject',
        outcome: 'denied',
      },
    });
    expect(JSON.stringify(denial)).not.toContain('Nguyễn');
    expect(JSON.stringify(denial)).not.toContain('Mạo');
    expect(documented(denial) || documented.errors).toBe(true);
  });

  it('records refusals on access grounds only, and passes every error on unchanged', async () => {
    const denials = new AccessDenials(bus, clock, logger, 'immunization');
    const inner = new ProfileChange();
    const handler = denials.recording(inner, 'dose.correct', (subjectId) => ({ subjectId }));
    const auditor: Principal = { ...nurse, role: 'auditor', facilityId: null };
    await expect(handler.execute(auditor, origin, 'subject-a', {})).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(handler.execute(nurse, origin, 'missing', {})).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await handler.execute(nurse, origin, 'subject-a', {})).toEqual({ subjectId: 'subject-a' });
    expect(inner.changed).toEqual(['subject-a']);
    expect(handler).toBeInstanceOf(ProfileChange);
    const messages = await arrived(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(messages.map((m) => [m.source, (m.data as { reason: string }).reason])).toEqual([['/vaxledger/immunization', 'out_of_scope']]);
  });

  it('tells the refusals it records from the other errors', () => {
    expect(refusalOf(new DomainError('forbidden', 'out_of_scope', 'x'))).toEqual({ reason: 'out_of_scope' });
    expect(refusalOf(new AccessRefusal('validation', 'purpose_required', 'x'))).toEqual({ reason: 'purpose_required' });
    expect(refusalOf(new AccessRefusal('rate_limited', 'rate_limited', 'x', {}, 'cross_facility_read_quota'))).toEqual({
      reason: 'rate_limited',
      cause: 'cross_facility_read_quota',
    });
    // The search quota and a malformed header are not refusals on access grounds.
    expect(refusalOf(new DomainError('rate_limited', 'rate_limited', 'x'))).toBeNull();
    expect(refusalOf(validationError('purpose_invalid', 'x'))).toBeNull();
    expect(refusalOf(new Error('boom'))).toBeNull();
  });

  it('keeps the refusal when the bus cannot take the denial', async () => {
    const errors: string[] = [];
    await bus.close();
    const denials = new AccessDenials(bus, clock, { warn: () => undefined, error: (_f, m) => void errors.push(m) }, 'registry');
    await expect(
      denials.guard(nurse, 'subject.read', { subjectId: 's' }, 'req-8', async () => {
        throw new AccessRefusal('validation', 'purpose_required', 'x');
      }),
    ).rejects.toMatchObject({ code: 'purpose_required' });
    expect(errors).toEqual(['could not publish access denial']);
    bus = new InProcessEventBus();
  });
});

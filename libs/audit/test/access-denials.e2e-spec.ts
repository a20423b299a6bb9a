/**
 * The attempt recorded where the rules say so (issue 13): a refused step-up (a token for subject A used on
 * subject B, for other fields, from another session) and a read of another facility's record without a
 * purpose or over the hourly quota are refused, change nothing, and show up in the audit trail as
 * `vaxledger.access.denied` entries naming the actor, the action, the subject and the reason — through the
 * real standalone app, with real accounts, sign-ins and step-up codes, and the audit service's own query.
 */
import { IdentityTestKit, type Person, type SignedIn } from '../../identity/test/identity-test-kit';
import { eventually } from '@vaxledger/testing';

interface TrailItem {
  type: string;
  action: string | null;
  outcome: string | null;
  subjectIds: string[];
  actor: { accountId: string | null; facilityId: string | null; provinceCode: string | null };
  source?: string;
  details: {
    service?: string;
    reason?: string;
    cause?: string;
    actor?: { sessionId?: string | null; role?: string };
    target?: Record<string, string>;
  };
}

const sessionOf = (session: SignedIn) =>
  JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString()).sid as string;

describe('refusals on access grounds become denials in the audit trail (issue 13)', () => {
  let kit: IdentityTestKit;
  let outsider: Person;
  let outsiderFacility: string;
  let registrarToken: string;
  let auditorToken: string;
  let subjectA: string;
  let subjectB: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({ env: { CROSS_FACILITY_READS_PER_HOUR: '2' } });
    ({ outsider, outsiderFacility, registrarToken, subjectA, subjectB } = await kit.stepUpScene('tuchoi'));
    auditorToken = await kit.app.tokenFor({ role: 'auditor' });
  });
  afterAll(() => kit?.close());

  const stepUp = (session: SignedIn, body: unknown) => kit.stepUpToken(outsider, session, body);
  const patch = (session: SignedIn, subjectId: string, body: unknown, stepUpToken: string) =>
    kit.patchSubject(session, subjectId, body, stepUpToken);

  const recordOf = async (subjectId: string) =>
    (await kit.request('GET', `/api/v1/subjects/${subjectId}`, { token: registrarToken })).body as Record<string, unknown>;

  /** The denials the audit service holds about one subject and action, asked the way an auditor asks. */
  async function deniedInTrail(subjectId: string, action: string, count = 1): Promise<TrailItem[]> {
    return eventually(async () => {
      const response = await kit.request(
        'GET',
        `/api/v1/audit/events?subjectId=${subjectId}&type=vaxledger.access.denied`,
        { token: auditorToken, headers: { 'x-purpose': 'audit' } },
      );
      expect(response.status).toBe(200);
      const items = (response.body.items as TrailItem[]).filter((item) => item.action === action);
      return items.length >= count ? items : null;
    });
  }

  it("refuses subject A's step-up token on subject B (403 step_up_required), changes nothing, and the trail shows the denial", async () => {
    const session = await kit.signIn(outsider);
    const token = await stepUp(session, { subjectId: subjectA });
    const before = await recordOf(subjectB);

    const refused = await patch(session, subjectB, { fullName: 'Kẻ Mạo Danh' }, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('step_up_required');
    expect(await recordOf(subjectB)).toMatchObject({ fullName: before.fullName, updatedAt: before.updatedAt });

    const [denial] = await deniedInTrail(subjectB, 'subject.profile.change');
    expect(denial).toMatchObject({
      type: 'vaxledger.access.denied',
      outcome: 'denied',
      subjectIds: [subjectB],
      actor: { accountId: outsider.accountId, facilityId: outsiderFacility, provinceCode: '01' },
      details: {
        service: 'registry',
        reason: 'step_up_required',
        cause: 'step_up_other_subject',
        actor: { role: 'facility_admin', sessionId: sessionOf(session) },
        target: { subjectId: subjectB },
      },
    });
    // Ids and codes only: neither the name tried nor the record's own personal data reach the trail.
    const written = JSON.stringify(denial);
    for (const personal of ['Kẻ Mạo Danh', before.fullName as string, (before.idDocument as { number: string }).number]) {
      expect(written).not.toContain(personal);
    }
    // The refusal did not spend the token: it still changes the subject it was opened for, once.
    expect((await patch(session, subjectA, { fullName: 'Nguyễn Văn Đúng' }, token)).status).toBe(200);
  });

  it('records a token from another session and a token for other fields the same way, with the binding that failed', async () => {
    const laptop = await kit.signIn(outsider);
    const phone = await kit.signIn(outsider);
    const laptopToken = await stepUp(laptop, { subjectId: subjectB });
    const fromPhone = await patch(phone, subjectB, { fullName: 'Nguyễn Văn Điện Thoại' }, laptopToken);
    expect(fromPhone).toMatchObject({ status: 403, body: { error: 'step_up_required' } });

    const nameOnly = await stepUp(laptop, { subjectId: subjectB, fields: ['fullName'] });
    const otherFields = await patch(laptop, subjectB, { fullName: 'Nguyễn Văn Ba', dateOfBirth: '1970-01-01' }, nameOnly);
    expect(otherFields).toMatchObject({ status: 403, body: { error: 'step_up_required' } });
    expect(await recordOf(subjectB)).not.toMatchObject({ dateOfBirth: '1970-01-01' });

    const denials = await deniedInTrail(subjectB, 'subject.profile.change', 3);
    expect(denials.map((d) => [d.details.cause, d.details.actor?.sessionId])).toEqual(
      expect.arrayContaining([
        ['step_up_other_session', sessionOf(phone)],
        ['step_up_other_fields', sessionOf(laptop)],
      ]),
    );
  });

  it('refuses a read of another facility’s record without a purpose (400 purpose_required), hands out nothing, and the trail shows the denial', async () => {
    const session = await kit.signIn(outsider);
    const refused = await kit.request('GET', `/api/v1/subjects/${subjectA}`, { token: session.accessToken });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('purpose_required');
    expect(refused.body.fullName).toBeUndefined();
    const history = await kit.request('GET', `/api/v1/subjects/${subjectA}/history`, { token: session.accessToken });
    expect(history).toMatchObject({ status: 400, body: { error: 'purpose_required' } });

    const [read] = await deniedInTrail(subjectA, 'subject.read');
    expect(read).toMatchObject({
      outcome: 'denied',
      subjectIds: [subjectA],
      actor: { accountId: outsider.accountId, facilityId: outsiderFacility },
      details: { service: 'registry', reason: 'purpose_required', target: { subjectId: subjectA } },
    });
    expect(read.details.cause).toBeUndefined();
    const [historyRead] = await deniedInTrail(subjectA, 'subject.history.read');
    expect(historyRead.details).toMatchObject({ reason: 'purpose_required' });

    // Immunization refuses its reads of the same record the same way, and says so as itself.
    const doses = await eventually(async () => {
      const response = await kit.request('GET', `/api/v1/subjects/${subjectA}/doses`, { token: session.accessToken });
      return response.status === 400 ? response : null;
    });
    expect(doses.body.error).toBe('purpose_required');
    const [doseRead] = await deniedInTrail(subjectA, 'dose.history.read');
    expect(doseRead).toMatchObject({
      actor: { accountId: outsider.accountId },
      details: { service: 'immunization', reason: 'purpose_required' },
    });
  });

  it('refuses reads of other facilities’ records over the hourly quota (429) and the trail shows each refused one', async () => {
    const session = await kit.signIn(outsider);
    const read = () =>
      kit.request('GET', `/api/v1/subjects/${subjectB}`, { token: session.accessToken, headers: { 'x-purpose': 'vaccination' } });
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    const refused = await read();
    expect(refused).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    expect(refused.body.fullName).toBeUndefined();

    const [denial] = await deniedInTrail(subjectB, 'subject.read');
    expect(denial).toMatchObject({
      outcome: 'denied',
      actor: { accountId: outsider.accountId },
      details: { service: 'registry', reason: 'rate_limited', cause: 'cross_facility_read_quota' },
    });
  });

  it('records an out-of-scope attempt in the registry as a denial too', async () => {
    // An auditor may read the trail but not register or change people.
    const refused = await kit.request('PATCH', `/api/v1/subjects/${subjectA}`, { token: auditorToken, body: { gender: 'other' } });
    expect(refused).toMatchObject({ status: 403, body: { error: 'out_of_scope' } });
    const [denial] = await deniedInTrail(subjectA, 'subject.profile.change');
    expect(denial).toMatchObject({ details: { service: 'registry', reason: 'out_of_scope', actor: { role: 'auditor' } } });
  });
});

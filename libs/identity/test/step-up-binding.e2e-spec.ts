/**
 * Step-up (R6) bound to what it allows: a token opened for one subject (and some of its fields) in one session
 * authorises exactly that change, once. Tried as an attacker would, through the real standalone app.
 */
import { IdentityTestKit, type Person, type SignedIn } from './identity-test-kit';

describe('step-up bound to account, session, subject and fields (R6, issue 13 item 1)', () => {
  let kit: IdentityTestKit;
  let otherFacilityAdmin: Person;
  let registrarToken: string;
  let subjectA: string;
  let subjectB: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    ({ outsider: otherFacilityAdmin, registrarToken, subjectA, subjectB } = await kit.stepUpScene('su'));
  });
  afterAll(() => kit.close());

  const stepUp = (session: SignedIn, body: unknown) => kit.stepUpToken(otherFacilityAdmin, session, body);
  const patch = (session: SignedIn, subjectId: string, body: unknown, stepUpToken: string) =>
    kit.patchSubject(session, subjectId, body, stepUpToken);

  const fullNameOf = async (subjectId: string) =>
    (await kit.request('GET', `/api/v1/subjects/${subjectId}`, { token: registrarToken })).body.fullName as string;

  it('refuses a step-up without a subject with 400', async () => {
    const session = await kit.signIn(otherFacilityAdmin);
    const missing = await kit.request('POST', '/api/v1/auth/step-up', { token: session.accessToken, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('validation_failed');
    const unknownField = await kit.request('POST', '/api/v1/auth/step-up', { token: session.accessToken, body: { subjectId: subjectA, fields: ['phone'] } });
    expect(unknownField.status).toBe(400);
  });

  it("refuses subject A's token on subject B with step_up_required and changes nothing", async () => {
    const session = await kit.signIn(otherFacilityAdmin);
    const token = await stepUp(session, { subjectId: subjectA });
    const before = await fullNameOf(subjectB);
    const refused = await patch(session, subjectB, { fullName: 'Kẻ Mạo Danh' }, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('step_up_required');
    expect(await fullNameOf(subjectB)).toBe(before);
    const history = await kit.request('GET', `/api/v1/subjects/${subjectB}/history`, { token: registrarToken });
    expect(history.body.items.filter((i: { change: string }) => i.change === 'profile_changed')).toEqual([]);
    // Refused before it was consumed: the token still works, once, for the subject it was asked for.
    const accepted = await patch(session, subjectA, { fullName: 'Nguyễn Văn Đúng' }, token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ changedFields: ['fullName'], stepUpUsed: true });
    const again = await patch(session, subjectA, { fullName: 'Nguyễn Văn Lần Hai' }, token);
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('step_up_required');
    expect(await fullNameOf(subjectA)).toBe('Nguyễn Văn Đúng');
  });

  it('refuses a token named for the full name on a change of the date of birth', async () => {
    const session = await kit.signIn(otherFacilityAdmin);
    const token = await stepUp(session, { subjectId: subjectA, fields: ['fullName'] });
    const refused = await patch(session, subjectA, { fullName: 'Nguyễn Văn Ba', dateOfBirth: '1970-01-01' }, token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'step_up_required', details: { uncoveredFields: ['dateOfBirth'] } });
    const record = await kit.request('GET', `/api/v1/subjects/${subjectA}`, { token: registrarToken });
    expect(record.body.dateOfBirth).not.toBe('1970-01-01');
    expect(record.body.fullName).not.toBe('Nguyễn Văn Ba');
  });

  it('refuses a token from another session of the same account, and a challenge answered from another session', async () => {
    const laptop = await kit.signIn(otherFacilityAdmin);
    const phone = await kit.signIn(otherFacilityAdmin);
    const token = await stepUp(laptop, { subjectId: subjectA });
    const refused = await patch(phone, subjectA, { fullName: 'Nguyễn Văn Điện Thoại' }, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('step_up_required');
    expect(await fullNameOf(subjectA)).not.toBe('Nguyễn Văn Điện Thoại');

    kit.clock.advance(30_000);
    const started = await kit.request('POST', '/api/v1/auth/step-up', { token: laptop.accessToken, body: { subjectId: subjectA } });
    const answeredElsewhere = await kit.request('POST', '/api/v1/auth/step-up/verify', {
      token: phone.accessToken,
      body: { challengeId: started.body.challengeId, code: kit.codeFor(otherFacilityAdmin) },
    });
    expect(answeredElsewhere.status).toBe(401);
    expect(answeredElsewhere.body.error).toBe('otp_challenge_invalid');
  });

  it('issues tokens that live at most five minutes and name their subject and session', async () => {
    const session = await kit.signIn(otherFacilityAdmin);
    const token = await stepUp(session, { subjectId: subjectA, fields: ['address'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
    expect(claims).toMatchObject({ sub: otherFacilityAdmin.accountId, subj: subjectA, flds: ['address'], sid: expect.any(String) });
  });
});

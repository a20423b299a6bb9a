/**
 * A person's first dose, through the real standalone app: they appear on their facility's due list on the
 * right days, get exactly one reminder in the outbox across a restart, can opt out, and coverage moves.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FacilityRegisteredMessage, Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { SendRemindersJob } from '../src/send-reminders/send-reminders.job';

const replyToken = 'gateway-reply-token-0123456789abcdef';

describe('due list, reminders and coverage after a first dose', () => {
  let dataDir: string;
  let app: StandaloneTestApp;
  const facilityId = newId();
  const otherFacilityId = newId();
  const tokens: Record<string, string> = {};
  const person = { fullName: 'Trần Thị Mai', phone: `09${String(Date.now()).slice(-8)}` };
  let subjectId: string;

  const start = async () => {
    app = await StandaloneTestApp.start({
      dataDir,
      env: { SMS_REPLY_TOKEN: replyToken, REMINDERS_ENABLED: 'false', REMINDER_DAYS_BEFORE: '3', VAXLEDGER_POPULATION_FILE: join(dataDir, 'population.json') },
    });
    tokens.staff = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry', 'subject_management'] });
    tokens.otherStaff = await app.tokenFor({ role: 'staff', facilityId: otherFacilityId, provinceCode: '79', rights: ['data_entry'] });
    tokens.province79 = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
    tokens.province01 = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
    tokens.national = await app.tokenFor({ role: 'national_admin' });
    tokens.reporter = await app.tokenFor({ role: 'reporter' });
  };
  const reminders = () => {
    const file = join(dataDir, 'outbox', 'messages.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((message) => message.purpose === 'reminder');
  };
  const due = (query: string, token = tokens.staff) => app.request('GET', `/api/v1/facilities/${facilityId}/due?${query}`, { token });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vx-due-e2e-'));
    // A small town's denominators, so one person moves the percentages visibly; the real file has the 2021 figures.
    writeFileSync(
      join(dataDir, 'population.json'),
      JSON.stringify({
        version: 'test',
        year: 2021,
        source: { publisher: 'test' },
        provinces: [{ provinceCode: '79', name: 'Thành phố Hồ Chí Minh', averagePopulation2021: 300, basis: 'test', ageBands: { under12: 50, '12-17': 50, '18+': 200 } }],
      }),
    );
    await start();
    const announcement: CloudEvent<FacilityRegisteredMessage> = {
      specversion: '1.0',
      id: newId(),
      source: '/test',
      type: 'vaxledger.identity.facility.registered',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: facilityId,
      data: { facilityId, code: 'HCM-TD-07', name: 'Trạm Y tế Phường Linh Xuân', provinceCode: '79', districtCode: '769' },
    };
    await app.infra.services.immunization.bus.publish(Topics.identityOrganisation, [announcement]);
    const registered = await app.request('POST', '/api/v1/subjects', {
      token: tokens.staff,
      body: {
        fullName: person.fullName,
        dateOfBirth: '1990-04-12',
        gender: 'female',
        idDocument: { type: 'CCCD', number: `079190${String(Date.now()).slice(-6)}` },
        phone: person.phone,
        address: { provinceCode: '79', districtCode: '769', line: '12 Đường số 9' },
      },
    });
    expect(registered.status).toBe(201);
    subjectId = registered.body.subjectId;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const coverage = async () => {
    const response = await app.request('GET', '/api/v1/reports/coverage?provinceCode=79&from=2021-07-26&to=2021-08-15', { token: tokens.reporter });
    expect(response.status).toBe(200);
    return response.body.people;
  };
  let coverageBefore: any;

  it('records a first Pfizer dose once registry has shared the person', async () => {
    coverageBefore = await coverage();
    // Registry's facts reach immunization over the bus; the record then knows the birth date.
    await eventually(async () => (await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.staff, body: { vaccineCode: 'COMIRNATY', lotNumber: 'FF0001', administeredAt: '1980-01-01T09:00:00+07:00', facilityId } })).body.error === 'dose_before_birth');
    const recorded = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
      token: tokens.staff,
      body: { vaccineCode: 'COMIRNATY', lotNumber: 'FF0001', administeredAt: '2021-08-02T09:00:00+07:00', facilityId },
    });
    expect(recorded).toMatchObject({ status: 201, body: { doseNumber: 1 } });
  });

  it('moves coverage: one more adult with a first dose, as a share of the province’s adults, in the week of the dose', async () => {
    expect(coverageBefore.provinces[0]).toMatchObject({ provinceCode: '79', targetPopulation: 250, atLeastOneDose: 0, atLeastOneDosePercent: 0 });
    const after = await eventually(async () => {
      const people = await coverage();
      return people.provinces[0].atLeastOneDose === 1 ? people : null;
    });
    expect(after.provinces[0]).toMatchObject({ atLeastOneDose: 1, atLeastOneDosePercent: 0.4, primarySeriesComplete: 0, booster: 0 });
    expect(after.provinces[0].byTargetGroup['18+']).toMatchObject({ targetPopulation: 200, atLeastOneDose: 1, atLeastOneDosePercent: 0.5 });
    expect(after.provinces[0].byTargetGroup['12-17']).toMatchObject({ targetPopulation: 50, atLeastOneDose: 0 });
    expect(after.provinces[0].districts).toEqual([expect.objectContaining({ districtCode: '769', atLeastOneDose: 1, atLeastOneDosePercent: null })]);
    // 2 August 2021 is a Monday: the weekly series steps up in that week and stays up.
    expect(after.weekly.map((w: any) => [w.weekStart, w.atLeastOneDose])).toEqual([
      ['2021-07-26', 0],
      ['2021-08-02', 1],
      ['2021-08-09', 1],
    ]);
  });

  it('lists the person as due from day 21 and overdue from day 29, with the name as search shows it', async () => {
    const listed = await eventually(async () => {
      const response = await due('on=2021-08-23&status=due');
      return response.status === 200 && response.body.items.length > 0 ? response : null;
    });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        subjectId,
        fullName: person.fullName,
        nextDoseNumber: 2,
        vaccineCode: 'COMIRNATY',
        earliest: '2021-08-23',
        recommended: '2021-08-23',
        overdueFrom: '2021-08-31',
        status: 'due',
        via: 'managed',
      }),
    ]);
    expect(listed.body.next).toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(person.phone.slice(1));
    expect((await due('on=2021-08-22')).body.items).toEqual([]);
    expect((await due('on=2021-08-30&status=due')).body.items.map((i: any) => i.subjectId)).toEqual([subjectId]);
    expect((await due('on=2021-08-31&status=due')).body.items).toEqual([]);
    expect((await due('on=2021-08-31&status=overdue')).body.items).toEqual([expect.objectContaining({ subjectId, status: 'overdue' })]);
    expect((await due('on=2021-08-30&status=overdue')).body.items).toEqual([]);
  });

  it('answers the facility, its province admin and national; refuses others; names the bad query', async () => {
    expect((await due('on=2021-08-23', tokens.province79)).status).toBe(200);
    expect((await due('on=2021-08-23', tokens.national)).status).toBe(200);
    for (const token of [tokens.otherStaff, tokens.province01, tokens.reporter]) {
      const refused = await due('on=2021-08-23', token);
      expect(refused).toMatchObject({ status: 403, body: { error: 'out_of_scope' } });
    }
    for (const query of ['', 'on=2021-02-30', 'on=2021-08-23&status=late', 'on=2021-08-23&limit=0', 'on=2021-08-23&after=x', 'on=2021-08-23&extra=1']) {
      const bad = await due(query);
      expect(bad).toMatchObject({ status: 400, body: { error: 'due_query_invalid' } });
    }
    expect((await app.request('GET', `/api/v1/facilities/${facilityId}/due?on=2021-08-23`)).status).toBe(401);
  });

  it('audits every due-list page with the subjects it showed', async () => {
    const reads = await app.infra.services.immunization.eventStore.readStream(`due-list-access-${facilityId}`);
    const withPerson = reads.filter((event) => event.type === 'DueListRead' && (event.data as any).subjectIds.includes(subjectId));
    expect(withPerson.length).toBeGreaterThanOrEqual(3);
    expect(withPerson[0].data).toMatchObject({ facilityId, accountId: expect.any(String), on: '2021-08-23' });
  });

  it('sends one reminder three days before the recommended date, in Vietnamese with the first name and facility only', async () => {
    const job = app.app.get(SendRemindersJob);
    expect((await job.run('2021-08-19')).sent).toBe(0);
    const summary = await job.run('2021-08-20');
    expect(summary).toMatchObject({ sent: 1, failed: 0 });
    expect(reminders()).toHaveLength(1);
    const [reminder] = reminders();
    expect(reminder).toMatchObject({ channel: 'sms', purpose: 'reminder', to: `+84${person.phone.slice(1)}` });
    expect(reminder.body).toContain('Chào Mai');
    expect(reminder.body).toContain('Trạm Y tế Phường Linh Xuân');
    expect(reminder.body).toContain('TU CHOI');
    expect(reminder.body).not.toContain('Trần');
    expect(reminder.body).not.toMatch(/COMIRNATY|Pfizer|2021|\d{6}/);
    // Running again the same day, or the next, sends nothing more.
    expect((await job.run('2021-08-20')).sent).toBe(0);
    expect((await job.run('2021-08-21')).alreadyReminded).toBe(1);
    expect(reminders()).toHaveLength(1);
  });

  it('still sends no second reminder for that dose after a restart', async () => {
    await app.close();
    await start();
    const job = app.app.get(SendRemindersJob);
    for (const day of ['2021-08-20', '2021-08-21', '2021-08-22', '2021-08-23']) expect((await job.run(day)).sent).toBe(0);
    expect(reminders()).toHaveLength(1);
    const sent = (await app.infra.services.immunization.eventStore.readStream(`reminders-${subjectId}`)).filter((e) => e.type === 'ReminderSent');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0].data)).not.toContain(person.phone.slice(1));
    // The due list survived the restart too.
    expect((await due('on=2021-08-23')).body.items.map((i: any) => i.subjectId)).toEqual([subjectId]);
  }, 120_000);

  it('takes an opt-out by reply from the gateway only, as an event', async () => {
    const reply = (token: string | null, body: unknown) =>
      app.request('POST', '/api/v1/reminders/replies', { body, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(await reply(null, { from: person.phone, text: 'TU CHOI' })).toMatchObject({ status: 401, body: { error: 'reply_token_invalid' } });
    expect(await reply('x'.repeat(replyToken.length), { from: person.phone, text: 'TU CHOI' })).toMatchObject({ status: 401 });
    expect((await reply(replyToken, { text: 'TU CHOI' })).status).toBe(400);
    // An unknown phone gets the same answer as a known one.
    expect(await reply(replyToken, { from: '0900000001', text: 'TU CHOI' })).toMatchObject({ status: 202, body: { accepted: true } });
    expect(await reply(replyToken, { from: `+84${person.phone.slice(1)}`, text: 'Từ chối' })).toMatchObject({ status: 202, body: { accepted: true } });
    const events = await app.infra.services.immunization.eventStore.readStream(`reminders-${subjectId}`);
    expect(events.filter((e) => e.type === 'RemindersOptedOut').map((e) => (e.data as any).via)).toEqual(['reply']);
  });

  it('reminds the day after a missed booking, naming the missed appointment', async () => {
    const vietnamDay = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const registered = await app.request('POST', '/api/v1/subjects', {
      token: tokens.staff,
      body: {
        fullName: 'Võ Thị Thu Hà',
        dateOfBirth: '1988-06-06',
        gender: 'female',
        idDocument: { type: 'CCCD', number: `079188${String(Date.now()).slice(-6)}` },
        phone: `07${String(Date.now()).slice(-8)}`,
        address: { provinceCode: '79', districtCode: '769', line: '5 Đường số 2' },
      },
    });
    const haId = registered.body.subjectId;
    // AstraZeneca 38 days ago: due since day 28, recommended on day 56, so no "upcoming" reminder is due yet.
    const firstDose = { vaccineCode: 'VAXZEVRIA', lotNumber: 'AZ7', administeredAt: `${vietnamDay(-38)}T09:00:00+07:00`, facilityId };
    await eventually(async () => (await app.request('POST', `/api/v1/subjects/${haId}/doses`, { token: tokens.staff, body: firstDose })).status === 201);
    const plan = await app.request('POST', '/api/v1/plans', { token: tokens.staff, body: { facilityId, date: vietnamDay(1), vaccineCode: 'VAXZEVRIA', capacity: 10 } });
    expect(plan.status).toBe(201);
    expect((await app.request('POST', `/api/v1/plans/${plan.body.planId}/subjects`, { token: tokens.staff, body: { subjectIds: [haId] } })).status).toBe(200);
    await eventually(async () => (await due(`on=${vietnamDay(2)}`)).body.items.some((i: any) => i.subjectId === haId && i.bookedOn === vietnamDay(1)));
    const before = reminders().length;
    // The day of the session itself is no missed booking yet; the day after is.
    expect((await app.app.get(SendRemindersJob).run(vietnamDay(1))).sent).toBe(0);
    expect(await app.app.get(SendRemindersJob).run(vietnamDay(2))).toMatchObject({ sent: 1 });
    const latest = reminders().slice(before);
    expect(latest).toHaveLength(1);
    expect(latest[0].body).toMatch(/^Chào Hà, bạn đã lỡ lịch tiêm chủng hẹn tại Trạm Y tế Phường Linh Xuân/);
    const sent = (await app.infra.services.immunization.eventStore.readStream(`reminders-${haId}`)).filter((e) => e.type === 'ReminderSent');
    expect(sent.map((e) => (e.data as any).kind)).toEqual(['missed_booking']);
  });

  it('takes an opt-out at the facility for another person, and sends them nothing', async () => {
    const other = await app.request('POST', '/api/v1/subjects', {
      token: tokens.staff,
      body: {
        fullName: 'Lê Văn Hùng',
        dateOfBirth: '1980-02-02',
        gender: 'male',
        idDocument: { type: 'CCCD', number: `079080${String(Date.now()).slice(-6)}` },
        phone: `08${String(Date.now()).slice(-8)}`,
        address: { provinceCode: '79', districtCode: '769', line: '3 Đường số 1' },
      },
    });
    const otherId = other.body.subjectId;
    await eventually(async () => (await app.request('POST', `/api/v1/subjects/${otherId}/doses`, { token: tokens.staff, body: { vaccineCode: 'VAXZEVRIA', lotNumber: 'AZ1', administeredAt: '1970-01-01T09:00:00+07:00', facilityId } })).body.error === 'dose_before_birth');
    expect((await app.request('POST', `/api/v1/subjects/${otherId}/doses`, { token: tokens.staff, body: { vaccineCode: 'VAXZEVRIA', lotNumber: 'AZ1', administeredAt: '2021-08-02T09:00:00+07:00', facilityId } })).status).toBe(201);
    expect((await app.request('POST', `/api/v1/subjects/${otherId}/reminders/opt-out`, { token: tokens.province79, body: {} })).status).toBe(403);
    expect(await app.request('POST', `/api/v1/subjects/${otherId}/reminders/opt-out`, { token: tokens.staff, body: {} })).toMatchObject({ status: 200, body: { subjectId: otherId, optedOut: true } });
    // AstraZeneca: recommended 56 days after the first dose (27 September); three days before is 24 September.
    await eventually(async () => (await due('on=2021-09-24&status=due')).body.items.some((i: any) => i.subjectId === otherId));
    const before = reminders().length;
    const summary = await app.app.get(SendRemindersJob).run('2021-09-24');
    expect(summary).toMatchObject({ sent: 0, optedOut: 1 });
    expect(reminders()).toHaveLength(before);
  });
});

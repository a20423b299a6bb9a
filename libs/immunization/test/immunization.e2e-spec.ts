import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { eventually, StandaloneTestApp, untypedBus } from '@vaxledger/testing';
import { addAge, vietnamToday } from '../src/domain/calendar';

/** The end-to-end flows of the immunization service through the real standalone app. */
describe('immunization over HTTP', () => {
  let app: StandaloneTestApp;
  const facilityId = 'facility-79-a';
  const otherFacilityId = 'facility-01-b';
  const tokens: Record<string, string> = {};

  /** Registry's and identity's announcements arrive over the bus, as in production. */
  async function announce(topic: string, type: string, data: Record<string, unknown>): Promise<void> {
    const message: CloudEvent = {
      specversion: '1.0',
      id: newId(),
      source: '/test',
      type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: String(data.subjectId ?? data.facilityId),
      data,
    };
    await untypedBus(app.infra.services.immunization.bus).publish(topic, [message]);
  }

  async function registeredSubject(dateOfBirth = '1985-03-14', provinceCode = '79'): Promise<string> {
    const subjectId = newId();
    await announce(Topics.registrySubject, 'vaxledger.registry.subject.registered', {
      subjectId,
      managingFacilityId: facilityId,
      provinceCode,
      districtCode: '769',
      birthYear: Number(dateOfBirth.slice(0, 4)),
      gender: 'female',
      dateOfBirth,
    });
    // Known once the record refuses a dose dated before the birth.
    await eventually(async () => {
      const response = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
        token: tokens.vaccinator,
        body: dose('VAXZEVRIA', '1900-01-01'),
      });
      return response.body.error === 'dose_before_birth';
    });
    return subjectId;
  }

  const dose = (vaccineCode: string, date: string, extra: Record<string, unknown> = {}) => ({
    vaccineCode,
    lotNumber: 'ABV5811',
    administeredAt: `${date}T09:30:00+07:00`,
    facilityId,
    site: 'LD',
    ...extra,
  });

  beforeAll(async () => {
    app = await StandaloneTestApp.start();
    tokens.vaccinator = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['data_entry'] });
    tokens.historyEditor = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['dose_history_update'] });
    tokens.facilityAdmin = await app.tokenFor({ role: 'facility_admin', facilityId, provinceCode: '79' });
    tokens.otherVaccinator = await app.tokenFor({ role: 'staff', facilityId: otherFacilityId, provinceCode: '01', rights: ['data_entry'] });
    tokens.subjectManager = await app.tokenFor({ role: 'staff', facilityId, provinceCode: '79', rights: ['subject_management'] });
    tokens.provinceAdmin79 = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
    tokens.provinceAdmin01 = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
    tokens.reporter = await app.tokenFor({ role: 'reporter' });
    tokens.auditor = await app.tokenFor({ role: 'auditor' });
    tokens.national = await app.tokenFor({ role: 'national_admin' });
    await announce(Topics.identityOrganisation, 'vaxledger.identity.facility.registered', {
      facilityId,
      code: 'HCM-TD-01',
      name: 'Trạm Y tế Phường Linh Trung',
      provinceCode: '79',
      districtCode: '769',
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('the vaccine catalogue', () => {
    it('lists the 2021 COVID-19 products with their intervals to any signed-in user', async () => {
      const response = await app.request('GET', '/api/v1/vaccines', { token: tokens.reporter });
      expect(response.status).toBe(200);
      expect(response.body.version).toBe('2021.12.1');
      const byCode = Object.fromEntries(response.body.items.map((v: any) => [v.code, v]));
      expect(byCode.VAXZEVRIA.primarySeries.intervals[0]).toEqual({ minDays: 28, recommendedDays: { min: 56, max: 84 } });
      expect(byCode.ABDALA.primarySeries.doses).toBe(3);
      expect(byCode.JANSSEN.primarySeries.doses).toBe(1);
      expect(byCode.BCG.program).toBe('epi');
    });

    it('refuses a caller without a token', async () => {
      expect((await app.request('GET', '/api/v1/vaccines')).status).toBe(401);
    });
  });

  describe('recording doses', () => {
    it('records a first dose and derives the second dose number', async () => {
      const subjectId = await registeredSubject();
      const first = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('VAXZEVRIA', '2021-06-01') });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ doseId: expect.any(String), doseNumber: 1 });
      const second = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.facilityAdmin, body: dose('VAXZEVRIA', '2021-08-20') });
      expect(second.status).toBe(201);
      expect(second.body.doseNumber).toBe(2);
    });

    it('refuses a second AstraZeneca dose 10 days after the first with 422 dose_interval_too_short', async () => {
      const subjectId = await registeredSubject();
      await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('VAXZEVRIA', '2021-08-01') });
      const response = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('VAXZEVRIA', '2021-08-11') });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: 'dose_interval_too_short', details: { days: 10, minDays: 28 } });
    });

    it('names each broken rule: future date, unknown vaccine, age, dose number', async () => {
      const subjectId = await registeredSubject('2005-01-01');
      const tomorrow = addAge(vietnamToday(new Date()), { amount: 2, unit: 'd' });
      const cases: Array<[Record<string, unknown>, string]> = [
        [dose('VAXZEVRIA', tomorrow), 'dose_in_future'],
        [dose('SPUTNIK-LIGHT', '2021-08-01'), 'unknown_vaccine'],
        [dose('VAXZEVRIA', '2021-08-01'), 'age_out_of_range'],
        [dose('COMIRNATY', '2021-08-01', { doseNumber: 2 }), 'dose_number_mismatch'],
      ];
      for (const [body, code] of cases) {
        const response = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body });
        expect([response.status, response.body.error]).toEqual([422, code]);
      }
    });

    it('records doses for a subject registry has not announced yet, skipping the birth-date rules', async () => {
      const response = await app.request('POST', `/api/v1/subjects/${newId()}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', '2021-08-01') });
      expect(response.status).toBe(201);
    });

    it('refuses staff of another facility, staff without data entry, and a malformed body', async () => {
      const subjectId = newId();
      const other = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.otherVaccinator, body: dose('VAXZEVRIA', '2021-08-01') });
      expect([other.status, other.body.error]).toEqual([403, 'out_of_scope']);
      const noRight = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.subjectManager, body: dose('VAXZEVRIA', '2021-08-01') });
      expect([noRight.status, noRight.body.error]).toEqual([403, 'out_of_scope']);
      const malformed = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, {
        token: tokens.vaccinator,
        body: { vaccineCode: 'VAXZEVRIA', administeredAt: '2021-08-01 09:00', facilityId },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.details.map((d: any) => d.field).sort()).toEqual(['administeredAt', 'lotNumber']);
    });
  });

  describe('correcting, voiding and reactions', () => {
    it('corrects, voids and reports a reaction, and the history shows it all in order', async () => {
      const subjectId = await registeredSubject();
      const first = (await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', '2021-07-01') })).body;
      const second = (await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', '2021-07-25') })).body;

      const refusedCorrection = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${first.doseId}/correct`, {
        token: tokens.vaccinator,
        body: { lotNumber: 'FF2587', reason: 'lot mistyped' },
      });
      expect([refusedCorrection.status, refusedCorrection.body.error]).toEqual([403, 'out_of_scope']);

      const corrected = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${first.doseId}/correct`, {
        token: tokens.historyEditor,
        body: { lotNumber: 'FF2587', reason: 'lot mistyped' },
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ doseId: first.doseId, doseNumber: 1, changedFields: ['lotNumber'] });

      const tooEarly = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${second.doseId}/correct`, {
        token: tokens.historyEditor,
        body: { administeredAt: '2021-07-10T09:00:00+07:00', reason: 'date' },
      });
      expect([tooEarly.status, tooEarly.body.error]).toEqual([422, 'dose_interval_too_short']);

      const reaction = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${first.doseId}/reactions`, {
        token: tokens.vaccinator,
        body: { onsetAt: '2021-07-01T20:00:00+07:00', severity: 'moderate', description: 'Fever 38.9°C', outcome: 'recovered' },
      });
      expect(reaction.status).toBe(201);
      expect(reaction.body).toEqual({ reactionId: expect.any(String), doseId: first.doseId });
      const beforeDose = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${first.doseId}/reactions`, {
        token: tokens.vaccinator,
        body: { onsetAt: '2021-06-30T20:00:00+07:00', severity: 'mild', description: 'Sore arm', outcome: 'recovered' },
      });
      expect([beforeDose.status, beforeDose.body.error]).toEqual([422, 'reaction_before_dose']);
      const unknownDose = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${newId()}/reactions`, {
        token: tokens.vaccinator,
        body: { onsetAt: '2021-07-01T20:00:00+07:00', severity: 'mild', description: 'Sore arm', outcome: 'recovered' },
      });
      expect([unknownDose.status, unknownDose.body.error]).toEqual([404, 'dose_not_found']);

      const voided = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${second.doseId}/void`, {
        token: tokens.historyEditor,
        body: { reason: 'entered on the wrong person' },
      });
      expect(voided.status).toBe(200);
      expect(voided.body).toEqual({ doseId: second.doseId, status: 'voided' });
      const again = await app.request('POST', `/api/v1/subjects/${subjectId}/doses/${second.doseId}/void`, { token: tokens.historyEditor, body: { reason: 'again' } });
      expect([again.status, again.body.error]).toEqual([422, 'dose_already_voided']);

      const history = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, headers: { 'x-purpose': 'vaccination' } });
      expect(history.status).toBe(200);
      expect(history.body.items.map((d: any) => [d.doseNumber, d.status, d.lotNumber])).toEqual([
        [1, 'completed', 'FF2587'],
        [2, 'voided', 'ABV5811'],
      ]);
      expect(history.body.items[0].reactions).toEqual([expect.objectContaining({ severity: 'moderate', outcome: 'recovered' })]);
      expect(history.body.items[1].voidReason).toBe('entered on the wrong person');

      // The voided dose's place is free again.
      const redo = await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', '2021-07-26') });
      expect([redo.status, redo.body.doseNumber]).toEqual([201, 2]);
    });

    it('lets province admins read their residents only and audits every read', async () => {
      const subjectId = await registeredSubject();
      const accessRecords: CloudEvent[] = [];
      const subscription = await app.infra.services.audit.bus.subscribe({
        groupId: `test-access-${newId()}`,
        topics: [Topics.auditAccess],
        handler: async (message) => {
          if ((message.data as any).subjectId === subjectId) accessRecords.push(message);
        },
      });
      expect((await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.provinceAdmin01 })).status).toBe(403);
      const read = await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.provinceAdmin79, headers: { 'x-purpose': 'audit' } });
      expect(read.status).toBe(200);
      expect((await app.request('GET', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.reporter })).status).toBe(403);
      await eventually(async () => accessRecords.length === 1);
      expect(accessRecords[0]).toMatchObject({
        type: 'vaxledger.immunization.record.read',
        partitionkey: subjectId,
        data: { subjectId, role: 'province_admin', provinceCode: '79', view: 'dose-history', action: 'read', purpose: 'audit' },
      });
      await subscription.stop();
    });
  });

  describe('vaccination plans', () => {
    const tomorrow = () => addAge(vietnamToday(new Date()), { amount: 1, unit: 'd' });

    it('plans a session, books within capacity, and shows who came and who did not', async () => {
      const created = await app.request('POST', '/api/v1/plans', {
        token: tokens.vaccinator,
        body: { facilityId, date: tomorrow(), vaccineCode: 'COMIRNATY', capacity: 2 },
      });
      expect(created.status).toBe(201);
      const { planId } = created.body;
      const [a, b, c] = [newId(), newId(), newId()];

      const booked = await app.request('POST', `/api/v1/plans/${planId}/subjects`, { token: tokens.vaccinator, body: { subjectIds: [a, b] } });
      expect(booked.status).toBe(200);
      expect(booked.body).toMatchObject({ planId, booked: 2, remaining: 0 });

      const full = await app.request('POST', `/api/v1/plans/${planId}/subjects`, { token: tokens.vaccinator, body: { subjectIds: [c] } });
      expect([full.status, full.body.error]).toEqual([422, 'plan_capacity_exceeded']);

      const twice = await app.request('POST', `/api/v1/plans/${planId}/subjects`, { token: tokens.vaccinator, body: { subjectIds: [a] } });
      expect([twice.status, twice.body.error]).toEqual([409, 'subject_already_booked']);

      const otherPlan = (await app.request('POST', '/api/v1/plans', {
        token: tokens.provinceAdmin79,
        body: { facilityId, date: tomorrow(), vaccineCode: 'COMIRNATY', capacity: 10 },
      })).body.planId;
      const sameDoseElsewhere = await app.request('POST', `/api/v1/plans/${otherPlan}/subjects`, { token: tokens.vaccinator, body: { subjectIds: [c, a] } });
      expect([sameDoseElsewhere.status, sameDoseElsewhere.body.error]).toEqual([409, 'subject_already_booked']);
      // All or nothing: c's booking was released, so c can still be booked there.
      const cAlone = await app.request('POST', `/api/v1/plans/${otherPlan}/subjects`, { token: tokens.vaccinator, body: { subjectIds: [c] } });
      expect(cAlone.status).toBe(200);

      const today = vietnamToday(new Date());
      const given = await app.request('POST', `/api/v1/subjects/${a}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', today, { planId, administeredAt: new Date().toISOString() }) });
      expect(given.status).toBe(201);

      const plan = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/plans/${planId}`, { token: tokens.facilityAdmin });
        return response.body.vaccinated?.length === 1 ? response.body : null;
      });
      expect(plan).toMatchObject({ planId, capacity: 2, remaining: 0, vaccinated: [a], notVaccinated: [b] });
      expect(plan.booked).toEqual([
        { subjectId: a, status: 'vaccinated', doseId: given.body.doseId, doseNumber: 1 },
        { subjectId: b, status: 'awaiting', doseId: null, doseNumber: null },
      ]);

      const listed = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/plans?facilityId=${facilityId}&from=${tomorrow()}&to=${tomorrow()}`, { token: tokens.vaccinator });
        return response.body.items?.length >= 2 ? response.body.items : null;
      });
      expect(listed.map((p: any) => p.planId)).toEqual(expect.arrayContaining([planId, otherPlan]));
    });

    it('refuses plans for a past day, for another facility, and doses entered against another vaccine’s plan', async () => {
      const past = await app.request('POST', '/api/v1/plans', { token: tokens.vaccinator, body: { facilityId, date: '2021-08-01', vaccineCode: 'COMIRNATY', capacity: 5 } });
      expect([past.status, past.body.error]).toEqual([422, 'plan_date_in_past']);
      const elsewhere = await app.request('POST', '/api/v1/plans', { token: tokens.otherVaccinator, body: { facilityId, date: tomorrow(), vaccineCode: 'COMIRNATY', capacity: 5 } });
      expect([elsewhere.status, elsewhere.body.error]).toEqual([403, 'out_of_scope']);
      const { planId } = (await app.request('POST', '/api/v1/plans', { token: tokens.vaccinator, body: { facilityId, date: tomorrow(), vaccineCode: 'SPIKEVAX', capacity: 5 } })).body;
      const mismatch = await app.request('POST', `/api/v1/subjects/${newId()}/doses`, { token: tokens.vaccinator, body: dose('COMIRNATY', '2021-08-01', { planId }) });
      expect([mismatch.status, mismatch.body.error]).toEqual([422, 'plan_vaccine_mismatch']);
    });
  });

  describe('coverage', () => {
    it('counts doses by day, province and vaccine for reporters, without voided doses', async () => {
      const day = '2021-09-15';
      const subjects = [await registeredSubject('1970-01-01', '79'), await registeredSubject('1990-01-01', '79')];
      const doseIds: string[] = [];
      for (const subjectId of subjects) {
        doseIds.push((await app.request('POST', `/api/v1/subjects/${subjectId}/doses`, { token: tokens.vaccinator, body: dose('SPIKEVAX', day) })).body.doseId);
      }
      await app.request('POST', `/api/v1/subjects/${subjects[1]}/doses/${doseIds[1]}/void`, { token: tokens.historyEditor, body: { reason: 'duplicate entry' } });
      const report = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/reports/coverage?provinceCode=79&from=${day}&to=${day}`, { token: tokens.reporter });
        const rows = response.body.rows?.filter((r: any) => r.vaccineCode === 'SPIKEVAX') ?? [];
        return rows.length === 1 && rows[0].doses === 1 ? response.body : null;
      });
      expect(report.rows).toContainEqual({ day, provinceCode: '79', districtCode: '769', vaccineCode: 'SPIKEVAX', doseNumber: 1, doses: 1 });
      expect(report.totals).toContainEqual({ vaccineCode: 'SPIKEVAX', doseNumber: 1, doses: 1 });

      const own = await app.request('GET', `/api/v1/reports/coverage?from=${day}&to=${day}`, { token: tokens.provinceAdmin79 });
      expect([own.status, own.body.provinceCode]).toEqual([200, '79']);
      const foreign = await app.request('GET', `/api/v1/reports/coverage?provinceCode=79&from=${day}&to=${day}`, { token: tokens.provinceAdmin01 });
      expect([foreign.status, foreign.body.error]).toEqual([403, 'out_of_scope']);
      const vaccinator = await app.request('GET', `/api/v1/reports/coverage?from=${day}&to=${day}`, { token: tokens.vaccinator });
      expect(vaccinator.status).toBe(403);
    });
  });

  it('documents every immunization route in the OpenAPI document', async () => {
    const document = await app.request('GET', '/api/docs-json');
    const paths = Object.keys(document.body.paths);
    for (const path of [
      '/api/v1/vaccines',
      '/api/v1/plans',
      '/api/v1/plans/{id}',
      '/api/v1/plans/{id}/subjects',
      '/api/v1/subjects/{id}/doses',
      '/api/v1/subjects/{id}/doses/{doseId}/correct',
      '/api/v1/subjects/{id}/doses/{doseId}/void',
      '/api/v1/subjects/{id}/doses/{doseId}/reactions',
      '/api/v1/subjects/{id}/fhir',
      '/api/v1/reports/coverage',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

import { type DoseRecordMessage, Topics } from '@vaxledger/contracts';
import { newId, ProjectionRunner, toCloudEvent, withMetadata, type CloudEvent } from '@vaxledger/kernel';
import { LookupHasher, openRegistryCollections, registryProjections, SubjectStreams, type IdDocument } from '@vaxledger/registry';
import { eventually, StandaloneTestApp } from '@vaxledger/testing';
import { subjectBody, uniqueCccd, uniquePhone } from './subject-fixtures';

describe('registry over HTTP (standalone app)', () => {
  let app: StandaloneTestApp;
  const hanoiFacility = newId();
  const saigonFacility = newId();
  const published: Array<{ topic: string; message: CloudEvent }> = [];

  const staff = (facilityId: string, rights: Array<'data_entry' | 'subject_management'>, provinceCode = '01', accountId = newId()) =>
    app.tokenFor({ role: 'staff', accountId, facilityId, provinceCode, rights });

  async function register(token: string, body = subjectBody()) {
    const response = await app.request('POST', '/api/v1/subjects', { token, body });
    expect(response.status).toBe(201);
    return { subjectId: response.body.subjectId as string, body };
  }

  /** The lookup projection is asynchronous: wait until a search sees the subject. */
  async function searchable(token: string, query: Record<string, string>, subjectId: string) {
    return eventually(async () => {
      const response = await app.request('POST', '/api/v1/subjects/search', { token, body: query });
      return response.status === 200 && response.body.items.some((i: { subjectId: string }) => i.subjectId === subjectId) ? response : null;
    });
  }

  beforeAll(async () => {
    app = await StandaloneTestApp.start({ env: { SEARCH_RATE_PER_MINUTE: '8' } });
    const bus = app.infra.services.registry.bus;
    for (const topic of [Topics.auditAccess, Topics.registrySubject]) {
      await bus.subscribe({
        groupId: `registry-e2e-${topic}`,
        topics: [topic],
        handler: async (message) => void published.push({ topic, message }),
      });
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('registers a subject for the creating facility and returns its id under subjectId', async () => {
    const token = await staff(hanoiFacility, ['data_entry']);
    const { subjectId, body } = await register(token, subjectBody({ fullName: 'Nguye\u0302\u0303n  Thị Lan' }));
    const record = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token });
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      subjectId,
      fullName: 'Nguyễn Thị Lan',
      managingFacilityId: hanoiFacility,
      idDocument: body.idDocument,
      phone: `+84${body.phone.slice(1)}`,
      mergedInto: null,
    });
  });

  it('refuses an account without data_entry or subject_management, a malformed body (400) and broken profile rules (422) field by field', async () => {
    const noRights = await staff(hanoiFacility, []);
    expect((await app.request('POST', '/api/v1/subjects', { token: noRights, body: subjectBody() })).status).toBe(403);
    const token = await staff(hanoiFacility, ['data_entry']);
    // Not of the documented shape: an unknown province code, a name ending in a space, a lower-case BHYT number.
    const malformed = await app.request('POST', '/api/v1/subjects', {
      token,
      body: subjectBody({ fullName: 'Nguyễn Văn An ', healthInsuranceNumber: 'dn4010123456789', address: { provinceCode: '99', line: 'x' } }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('validation_failed');
    expect(malformed.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['address.provinceCode', 'fullName', 'healthInsuranceNumber']);
    expect(malformed.body.details).toContainEqual({ field: 'address.provinceCode', problem: 'is not a known province code' });
    // Of that shape, but breaking the profile's rules: a name with a digit, a date of birth in the future, a CCCD
    // of 3 digits, a district of another province.
    const broken = await app.request('POST', '/api/v1/subjects', {
      token,
      body: subjectBody({
        fullName: 'Nguyễn Văn 2',
        dateOfBirth: '2999-01-01',
        idDocument: { type: 'CCCD', number: '123' },
        address: { provinceCode: '01', districtCode: '760', line: 'x' },
      }),
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error).toBe('subject_data_invalid');
    expect(broken.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'address.districtCode',
      'dateOfBirth',
      'fullName',
      'idDocument.number',
    ]);
    const early = await app.request('POST', '/api/v1/subjects', { token, body: subjectBody({ dateOfBirth: '1899-12-31' }) });
    expect(early).toMatchObject({
      status: 422,
      body: { error: 'subject_data_invalid', details: [{ field: 'dateOfBirth', problem: 'must not be before 1900-01-01' }] },
    });
  });

  it('refuses a path id not of the documented form and a change without a body with 400; an empty change changes nothing', async () => {
    const token = await staff(hanoiFacility, ['data_entry', 'subject_management']);
    const { subjectId } = await register(token);
    for (const path of ['/api/v1/subjects/a%20b', `/api/v1/subjects/${'x'.repeat(65)}/history`, `/api/v1/subjects/${subjectId}/transfer-requests/%3E/accept`]) {
      const method = path.endsWith('/accept') ? 'POST' : 'GET';
      const response = await app.request(method, path, { token, headers: { 'x-purpose': 'vaccination' } });
      expect({ path, status: response.status, error: response.body.error }).toEqual({ path, status: 400, error: 'validation_failed' });
    }
    const noBody = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token });
    expect(noBody).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
    const empty = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token, body: {} });
    expect(empty).toMatchObject({ status: 200, body: { subjectId, changedFields: [], stepUpUsed: false } });
  });

  it('answers 409 for an ID document already registered, naming the managing facility only to that facility', async () => {
    const { body } = await register(await staff(hanoiFacility, ['data_entry']));
    const again = await app.request('POST', '/api/v1/subjects', {
      token: await staff(saigonFacility, ['data_entry'], '79'),
      body: subjectBody({ idDocument: body.idDocument }),
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'subject_already_registered', message: expect.any(String) });
    const own = await app.request('POST', '/api/v1/subjects', {
      token: await staff(hanoiFacility, ['data_entry']),
      body: subjectBody({ idDocument: body.idDocument }),
    });
    expect(own.body).toEqual({
      error: 'subject_already_registered',
      message: expect.any(String),
      details: { managingFacilityId: hanoiFacility },
    });
  });

  it('completes a registration that was interrupted after the reservation, under the reserved subject id', async () => {
    const infra = app.infra.services.registry;
    const streams = new SubjectStreams(infra.eventStore, LookupHasher.fromKeys(infra.keys.purposeKeys));
    const body = subjectBody();
    const reservedId = newId();
    // What a crash between the two appends leaves behind: a reservation naming a subject that does not exist.
    await streams.reserveDocument(body.idDocument as IdDocument, reservedId, 'register', {
      actor: { accountId: 'a', facilityId: hanoiFacility, provinceCode: '01' },
      now: new Date(),
      correlationId: newId(),
    });
    const token = await staff(hanoiFacility, ['data_entry']);
    const retry = await app.request('POST', '/api/v1/subjects', { token, body });
    expect(retry).toMatchObject({ status: 201, body: { subjectId: reservedId } });
    const third = await app.request('POST', '/api/v1/subjects', { token, body });
    expect(third.status).toBe(409);
  });

  describe('search (R7)', () => {
    it('refuses one field, three fields, an unknown pair and an empty body with 400', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      for (const body of [
        { fullName: 'Nguyễn Văn An' },
        { phone: '0912345678' },
        { fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '001090012345' },
        { phone: '0912345678', idNumber: '001090012345' },
        {},
      ]) {
        const response = await app.request('POST', '/api/v1/subjects/search', { token, body });
        expect({ body, status: response.status, error: response.body.error }).toEqual({ body, status: 400, error: 'search_criteria_invalid' });
      }
    });

    it('finds "Nguyễn Văn An" when searched as "NGUYEN VAN  AN" with the phone, but never by a prefix of the name', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const { subjectId, body } = await register(token, subjectBody({ fullName: 'Nguyễn Văn An' }));
      await searchable(token, { fullName: 'NGUYEN VAN  AN', phone: body.phone }, subjectId);
      const byId = await app.request('POST', '/api/v1/subjects/search', {
        token,
        body: { fullName: 'nguyen van an', idNumber: body.idDocument.number },
      });
      expect(byId.body.items.map((i: { subjectId: string }) => i.subjectId)).toEqual([subjectId]);
      const prefix = await app.request('POST', '/api/v1/subjects/search', { token, body: { fullName: 'Nguyễn Văn', phone: body.phone } });
      expect(prefix.body.items).toEqual([]);
    });

    it('shows masked phone and ID number and only the birth year', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const body = subjectBody({ fullName: 'Đỗ Thu Trang', phone: '0913555678', dateOfBirth: '1985-03-09', idDocument: { type: 'CCCD', number: '001185000012' } });
      const { subjectId } = await register(token, body);
      const response = await searchable(token, { fullName: 'do thu trang', phone: '+84913555678' }, subjectId);
      expect(response.body.items).toEqual([
        {
          subjectId,
          fullName: 'Đỗ Thu Trang',
          birthYear: 1985,
          gender: body.gender,
          phone: '*******678',
          idDocument: { type: 'CCCD', number: '*********012' },
          address: { provinceCode: '01', districtCode: '005' },
          managingFacilityId: hanoiFacility,
          doseSummary: { dosesRecorded: 0, lastVaccineCode: null, lastAdministeredAt: null, highestDoseNumber: null },
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain('1985-03-09');
    });

    it('refuses the search beyond the per-minute quota with 429 and Retry-After', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const body = { fullName: 'Phạm Minh Long', phone: uniquePhone() };
      for (let i = 0; i < 8; i++) expect((await app.request('POST', '/api/v1/subjects/search', { token, body })).status).toBe(200);
      const refused = await app.request('POST', '/api/v1/subjects/search', { token, body });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('rate_limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.details.retryAfterSeconds).toBe(retryAfter);
      // The quota is per account: a colleague can still search.
      const colleague = await staff(hanoiFacility, ['data_entry']);
      expect((await app.request('POST', '/api/v1/subjects/search', { token: colleague, body })).status).toBe(200);
    });
  });

  describe('access records (R8)', () => {
    it('records every search and every full read on the audit topic, with purpose and subject ids but no search terms', async () => {
      const accountId = newId();
      const token = await staff(hanoiFacility, ['data_entry'], '01', accountId);
      const { subjectId, body } = await register(token);
      await searchable(token, { fullName: body.fullName, phone: body.phone }, subjectId);
      const read = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token, headers: { 'x-purpose': 'vaccination' } });
      expect(read.status).toBe(200);

      const records = await eventually(async () => {
        const mine = published.filter((p) => p.topic === Topics.auditAccess && (p.message.data as { accountId: string }).accountId === accountId);
        return mine.some((p) => (p.message.data as { action: string }).action === 'subject.read') ? mine : null;
      });
      const searches = records.filter((r) => (r.message.data as { action: string }).action === 'subject.search');
      expect(searches.length).toBeGreaterThanOrEqual(1);
      expect(searches[searches.length - 1].message).toMatchObject({
        type: 'vaxledger.access.recorded',
        partitionkey: accountId,
        data: { action: 'subject.search', subjectIds: [subjectId], criteria: 'fullName+phone', facilityId: hanoiFacility },
      });
      const reads = records.filter((r) => (r.message.data as { action: string }).action === 'subject.read');
      expect(reads).toHaveLength(1);
      expect(reads[0].message.data).toMatchObject({ subjectIds: [subjectId], purpose: 'vaccination', role: 'staff' });
      const wire = JSON.stringify(records);
      expect(wire).not.toContain(body.phone.slice(1));
      expect(wire).not.toContain(body.fullName);
      expect(wire).not.toContain(body.idDocument.number);
    });

    it('publishes subject events with date of birth and birth year but no name, phone or ID number', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const { subjectId, body } = await register(token);
      const event = await eventually(async () =>
        published.find((p) => p.topic === Topics.registrySubject && p.message.partitionkey === subjectId),
      );
      expect(event.message).toMatchObject({
        type: 'vaxledger.registry.subject.registered',
        data: { subjectId, managingFacilityId: hanoiFacility, provinceCode: '01', dateOfBirth: body.dateOfBirth, gender: body.gender },
      });
      const wire = JSON.stringify(event.message);
      for (const secret of [body.fullName, body.phone.slice(1), body.idDocument.number, body.address.line]) expect(wire).not.toContain(secret);
    });
  });

  describe('changing a subject (R6)', () => {
    it('needs a fresh step-up token for a sensitive change by another facility, and refuses the token a second time', async () => {
      const { subjectId } = await register(await staff(hanoiFacility, ['data_entry']));
      const accountId = newId();
      const other = await staff(saigonFacility, ['subject_management'], '79', accountId);

      const without = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: other, body: { fullName: 'Lê Văn Hùng' } });
      expect(without.status).toBe(403);
      expect(without.body.error).toBe('step_up_required');

      const stepUp = await app.stepUpTokenFor(other, subjectId);
      const withToken = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, {
        token: other,
        body: { fullName: 'Lê Văn Hùng' },
        headers: { 'x-step-up-token': stepUp },
      });
      expect(withToken.status).toBe(200);
      expect(withToken.body).toEqual({ subjectId, changedFields: ['fullName'], stepUpUsed: true });

      const reused = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, {
        token: other,
        body: { fullName: 'Lê Văn Hải' },
        headers: { 'x-step-up-token': stepUp },
      });
      expect(reused.status).toBe(403);
      expect(reused.body.error).toBe('step_up_required');

      // Another account's token is refused too.
      const foreign = await app.stepUpTokenFor(await staff(saigonFacility, ['subject_management'], '79'), subjectId);
      const wrongAccount = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, {
        token: other,
        body: { dateOfBirth: '1970-01-01' },
        headers: { 'x-step-up-token': foreign },
      });
      expect(wrongAccount.status).toBe(403);
    });

    it('lets another facility change the phone without step-up, and the own facility change the name without step-up', async () => {
      const registrar = await staff(hanoiFacility, ['data_entry', 'subject_management']);
      const { subjectId } = await register(registrar);
      const other = await staff(saigonFacility, ['subject_management'], '79');
      const phone = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: other, body: { phone: '0987654321' } });
      expect(phone).toMatchObject({ status: 200, body: { changedFields: ['phone'], stepUpUsed: false } });
      const own = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, {
        token: registrar,
        body: { fullName: 'Trần Quang Sơn', address: { provinceCode: '01', districtCode: '001', line: '1 Hoàng Diệu' } },
      });
      expect(own).toMatchObject({ status: 200, body: { changedFields: ['fullName', 'address'], stepUpUsed: false } });
      const dataEntryOnly = await staff(hanoiFacility, ['data_entry']);
      expect((await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: dataEntryOnly, body: { phone: '0987654322' } })).status).toBe(403);
    });

    it('shows field-level history with who, when and step-up use, and no values in clear', async () => {
      const registrar = await staff(hanoiFacility, ['data_entry', 'subject_management']);
      const { subjectId, body } = await register(registrar);
      const accountId = newId();
      const other = await staff(saigonFacility, ['subject_management'], '79', accountId);
      await app.request('PATCH', `/api/v1/subjects/${subjectId}`, {
        token: other,
        body: { dateOfBirth: '1971-02-03', phone: '0986000111' },
        headers: { 'x-step-up-token': await app.stepUpTokenFor(other, subjectId) },
      });
      const history = await app.request('GET', `/api/v1/subjects/${subjectId}/history`, { token: registrar });
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(2);
      expect(history.body.items[1]).toMatchObject({
        change: 'profile_changed',
        fields: ['dateOfBirth', 'phone'],
        maskedValues: { dateOfBirth: '1971-**-**', phone: '*******111' },
        actor: { accountId, facilityId: saigonFacility },
        stepUpUsed: true,
      });
      const wire = JSON.stringify(history.body);
      for (const secret of [body.fullName, body.idDocument.number, '0986000111', '1971-02-03']) expect(wire).not.toContain(secret);
    });

    it('moves the ID-document reservation when the document changes', async () => {
      const registrar = await staff(hanoiFacility, ['data_entry', 'subject_management']);
      const { subjectId, body } = await register(registrar);
      const newDocument = { type: 'CCCD', number: uniqueCccd() };
      const changed = await app.request('PATCH', `/api/v1/subjects/${subjectId}`, { token: registrar, body: { idDocument: newDocument } });
      expect(changed).toMatchObject({ status: 200, body: { changedFields: ['idDocument'] } });
      // The new document is now taken, the old one free again.
      expect((await app.request('POST', '/api/v1/subjects', { token: registrar, body: subjectBody({ idDocument: newDocument }) })).status).toBe(409);
      expect((await app.request('POST', '/api/v1/subjects', { token: registrar, body: subjectBody({ idDocument: body.idDocument }) })).status).toBe(201);
    });

    it('refuses a change to a document another subject holds, with 409', async () => {
      const registrar = await staff(hanoiFacility, ['data_entry', 'subject_management']);
      const first = await register(registrar);
      const second = await register(registrar);
      const response = await app.request('PATCH', `/api/v1/subjects/${second.subjectId}`, {
        token: registrar,
        body: { idDocument: first.body.idDocument },
      });
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('subject_already_registered');
    });
  });

  describe('management and duplicates', () => {
    it('transfers management the managing facility asks for once its province admin accepts, never by either facility', async () => {
      const hanoi = await staff(hanoiFacility, ['data_entry', 'subject_management']);
      const { subjectId } = await register(hanoi);
      const asked = await app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests`, { token: hanoi, body: { toFacilityId: saigonFacility } });
      expect(asked.status).toBe(201);
      const requestId = asked.body.requestId;
      const accept = (token: string) => app.request('POST', `/api/v1/subjects/${subjectId}/transfer-requests/${requestId}/accept`, { token });
      expect((await accept(hanoi)).status).toBe(403);
      const saigon = await staff(saigonFacility, ['subject_management'], '79');
      expect((await accept(saigon)).status).toBe(403);
      const hanoiProvince = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
      const accepted = await accept(hanoiProvince);
      expect(accepted).toMatchObject({ status: 200, body: { subjectId, managingFacilityId: saigonFacility } });
      const record = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token: saigon });
      expect(record.body).toMatchObject({ managingFacilityId: saigonFacility, creatingFacilityId: hanoiFacility });
    });

    it('merges a duplicate (province admin), redirects reads of it to the survivor, and unmerges it', async () => {
      const hanoi = await staff(hanoiFacility, ['data_entry']);
      const survivor = await register(hanoi, subjectBody({ fullName: 'Bùi Ngọc Mai' }));
      const duplicate = await register(hanoi, subjectBody({ fullName: 'Bùi Ngọc Mai' }));
      const admin = await app.tokenFor({ role: 'province_admin', provinceCode: '01' });
      const otherAdmin = await app.tokenFor({ role: 'province_admin', provinceCode: '79' });
      const body = { duplicateSubjectId: duplicate.subjectId };

      expect((await app.request('POST', `/api/v1/subjects/${survivor.subjectId}/merge`, { token: otherAdmin, body })).status).toBe(403);
      expect((await app.request('POST', `/api/v1/subjects/${survivor.subjectId}/merge`, { token: hanoi, body })).status).toBe(403);
      const merged = await app.request('POST', `/api/v1/subjects/${survivor.subjectId}/merge`, { token: admin, body });
      expect(merged).toMatchObject({ status: 200, body: { subjectId: survivor.subjectId, mergedSubjectId: duplicate.subjectId } });

      const read = await app.request('GET', `/api/v1/subjects/${duplicate.subjectId}`, { token: hanoi });
      expect(read).toMatchObject({
        status: 200,
        body: { subjectId: survivor.subjectId, mergedInto: survivor.subjectId, requestedSubjectId: duplicate.subjectId },
      });
      // A search by the duplicate's phone leads to the survivor.
      await searchable(hanoi, { fullName: 'Bui Ngoc Mai', phone: duplicate.body.phone }, survivor.subjectId);

      const unmerged = await app.request('POST', `/api/v1/subjects/${survivor.subjectId}/unmerge`, { token: admin, body });
      expect(unmerged.status).toBe(200);
      const again = await app.request('GET', `/api/v1/subjects/${duplicate.subjectId}`, { token: hanoi });
      expect(again.body).toMatchObject({ subjectId: duplicate.subjectId, mergedInto: null });
    });
  });

  describe('read models', () => {
    it('shows the dose summary immunization reports over the bus', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const { subjectId } = await register(token);
      const dose = (doseId: string, type: string, doseNumber: number, administeredAt: string) =>
        toCloudEvent<DoseRecordMessage>(
          {
            type,
            data: { subjectId, doseId, vaccineCode: 'COVID-19-AZ', doseNumber, administeredAt, status: type.endsWith('voided') ? 'voided' : 'completed', facilityId: hanoiFacility },
            metadata: withMetadata([{ type, data: null }], { actor: { accountId: 'x' }, now: new Date(), correlationId: newId() })[0].metadata,
          },
          { source: '/vaxledger/immunization', partitionkey: subjectId },
        );
      const first = newId();
      await app.infra.services.immunization.bus.publish(Topics.immunizationRecord, [
        dose(first, 'vaxledger.immunization.dose.recorded', 1, '2021-08-01T09:00:00+07:00'),
        dose(newId(), 'vaxledger.immunization.dose.recorded', 2, '2021-10-01T09:00:00+07:00'),
        dose(first, 'vaxledger.immunization.dose.voided', 1, '2021-08-01T09:00:00+07:00'),
      ]);
      const record = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/subjects/${subjectId}`, { token });
        return response.body.doseSummary.highestDoseNumber === 2 && response.body.doseSummary.dosesRecorded === 1 ? response : null;
      });
      expect(record.body.doseSummary).toEqual({
        dosesRecorded: 1,
        lastVaccineCode: 'COVID-19-AZ',
        lastAdministeredAt: '2021-10-01T09:00:00+07:00',
        highestDoseNumber: 2,
      });
    });

    it('lists the subjects a facility manages, for that facility only', async () => {
      const facilityId = newId();
      const token = await staff(facilityId, ['data_entry']);
      const registered = [await register(token), await register(token), await register(token)];
      const page = await eventually(async () => {
        const response = await app.request('GET', `/api/v1/facilities/${facilityId}/subjects?limit=2`, { token });
        return response.status === 200 && response.body.next ? response : null;
      });
      const rest = await app.request('GET', `/api/v1/facilities/${facilityId}/subjects?limit=2&after=${page.body.next}`, { token });
      const listed = [...page.body.items, ...rest.body.items].map((i: { subjectId: string }) => i.subjectId).sort();
      expect(listed).toEqual(registered.map((r) => r.subjectId).sort());
      expect(rest.body.next).toBeNull();
      const outsider = await staff(hanoiFacility, ['data_entry']);
      expect((await app.request('GET', `/api/v1/facilities/${facilityId}/subjects`, { token: outsider })).status).toBe(403);
    });

    it('rebuilds the lookup from the event log and still finds the same subjects', async () => {
      const token = await staff(hanoiFacility, ['data_entry']);
      const { subjectId, body } = await register(token);
      await searchable(token, { fullName: body.fullName, phone: body.phone }, subjectId);
      const infra = app.infra.services.registry;
      const collections = await openRegistryCollections(infra.readModels);
      const [lookup] = registryProjections(collections, LookupHasher.fromKeys(infra.keys.purposeKeys));
      const countBefore = await collections.lookup.count({});
      const progress = await ProjectionRunner.rebuild(infra.eventStore, infra.readModels, lookup);
      expect(progress.applied).toBeGreaterThan(0);
      expect(await collections.lookup.count({})).toBe(countBefore);
      await searchable(token, { fullName: body.fullName, phone: body.phone }, subjectId);
    });
  });

  it('documents every registry route in the OpenAPI document', async () => {
    const doc = await app.request('GET', '/api/docs-json');
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/v1/subjects',
      '/api/v1/subjects/search',
      '/api/v1/subjects/{subjectId}',
      '/api/v1/subjects/{subjectId}/history',
      '/api/v1/subjects/{subjectId}/transfer-requests',
      '/api/v1/subjects/{subjectId}/transfer-requests/{requestId}/accept',
      '/api/v1/subjects/{subjectId}/merge',
      '/api/v1/subjects/{subjectId}/unmerge',
      '/api/v1/facilities/{facilityId}/subjects',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

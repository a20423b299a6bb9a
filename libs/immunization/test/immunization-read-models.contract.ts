/** What the immunization read models must show on any ReadModelStore adapter: projected, replay-safe, rebuildable. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vaxledger/event-store';
import { CommandHandler, type CommandMetadata, newId, type Projection, ProjectionRunner, type ReadModelStore } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../src/catalogue/vaccine-catalogue.file';
import { immunizationStreamId } from '../src/domain/immunization-record.events';
import { knownFacilityDecider, knownFacilityStreamId } from '../src/domain/known-facility';
import { planStreamId } from '../src/domain/vaccination-plan.events';
import { ImmunizationRecords, VaccinationPlans } from '../src/immunization-records';
import { immunizationProjections } from '../src/immunization.composition';
import { ImmunizationReadModels } from '../src/read-models/immunization-read-models';
import { readDueList } from '../src/read-models/due-list.reader';

export interface ReadModelHarness {
  open(): Promise<ReadModelStore>;
  dispose(store: ReadModelStore): Promise<void>;
}

export function immunizationReadModelsContract(harness: ReadModelHarness): void {
  const catalogue = loadVaccineCatalogue();
  let dir: string;
  let eventStore: SqliteEventStore;
  let store: ReadModelStore;
  let readModels: ImmunizationReadModels;
  const meta: CommandMetadata = { actor: { accountId: 'staff-1', facilityId: 'facility-1', provinceCode: '79' }, now: new Date('2021-12-20T03:00:00Z'), correlationId: 'c-1' };
  const planId = newId();
  const [an, binh, chi] = [newId(), newId(), newId()];
  const doseIds = { an: newId(), binh: newId(), chi: newId() };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vx-immunization-rm-'));
    eventStore = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 20 });
    store = await harness.open();
    readModels = new ImmunizationReadModels(store);

    const records = new ImmunizationRecords(eventStore);
    const plans = new VaccinationPlans(eventStore);
    await new CommandHandler(eventStore, knownFacilityDecider).handle(
      knownFacilityStreamId('facility-1'),
      { type: 'NoteFacility', facility: { facilityId: 'facility-1', code: 'HCM-01', name: 'Trạm Y tế 1', provinceCode: '79', districtCode: '769' } },
      meta,
    );
    await plans.handle(
      planStreamId(planId),
      { type: 'CreatePlan', planId, facilityId: 'facility-1', provinceCode: '79', districtCode: '769', date: '2021-12-21', vaccineCode: 'COMIRNATY', capacity: 10, plannedBy: 'staff-1', today: '2021-12-20', catalogue },
      meta,
    );
    await plans.handle(planStreamId(planId), { type: 'BookSubjects', planId, subjectIds: [an, binh], today: '2021-12-20' }, meta);
    const record = (subjectId: string, doseId: string, date: string, withPlan: boolean) =>
      records.handle(
        immunizationStreamId(subjectId),
        {
          type: 'RecordDose',
          subjectId,
          doseId,
          vaccineCode: 'COMIRNATY',
          lotNumber: 'FF1',
          administeredAt: `${date}T09:00:00+07:00`,
          facilityId: 'facility-1',
          planId: withPlan ? planId : null,
          site: 'LD',
          route: null,
          vaccinatorId: 'staff-1',
          facilityLocation: { provinceCode: '79', districtCode: '769' },
          catalogue,
          now: new Date('2021-12-21T10:00:00+07:00'),
        },
        meta,
      );
    // Registry shares who manages An and Binh; Binh is also booked in facility-1's plan.
    for (const [subjectId, managingFacilityId] of [[an, 'facility-1'], [binh, 'facility-2']]) {
      await records.handle(
        immunizationStreamId(subjectId),
        { type: 'NoteSubjectFacts', subjectId, facts: { dateOfBirth: '1990-01-01', birthYear: 1990, managingFacilityId } },
        meta,
      );
    }
    await records.handle(
      immunizationStreamId(binh),
      { type: 'BookDose', subjectId: binh, planId, vaccineCode: 'COMIRNATY', date: '2021-12-21', today: '2021-12-20', catalogue },
      meta,
    );
    await record(an, doseIds.an, '2021-12-21', true);
    await record(binh, doseIds.binh, '2021-12-21', false);
    await record(chi, doseIds.chi, '2021-12-21', false);
    // Binh's dose was really given the day before; Chi's was entered on the wrong person.
    await records.handle(
      immunizationStreamId(binh),
      { type: 'CorrectDose', subjectId: binh, doseId: doseIds.binh, changes: { administeredAt: '2021-12-20T09:00:00+07:00' }, reason: 'date', catalogue, now: new Date('2021-12-21T12:00:00+07:00') },
      meta,
    );
    await records.handle(immunizationStreamId(chi), { type: 'VoidDose', subjectId: chi, doseId: doseIds.chi, reason: 'wrong person' }, meta);

    const runner = new ProjectionRunner(eventStore, store, immunizationProjections(readModels, catalogue));
    await runner.start();
    await runner.stop();
  });

  afterAll(async () => {
    await eventStore?.close();
    if (store) await harness.dispose(store);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function snapshot() {
    const cells = (await (await readModels.coverage()).find({ provinceCode: '79', day: { $gte: '2021-12-01', $lte: '2021-12-31' } }, { sort: [['day', 1]] }))
      .filter((cell) => cell.doses > 0)
      .map(({ day, districtCode, vaccineCode, doseNumber, doses }) => ({ day, districtCode, vaccineCode, doseNumber, doses }));
    const plans = (await (await readModels.plans()).find({ facilityId: 'facility-1', date: { $gte: '2021-12-21', $lte: '2021-12-21' } })).map((p) => ({ id: p.id, subjectIds: p.subjectIds }));
    const planDoses = (await (await readModels.doses()).find({ planId })).map((d) => ({ id: d.id, subjectId: d.subjectId, status: d.status }));
    const chiDoses = (await (await readModels.doses()).find({ subjectId: chi })).map((d) => d.status);
    const facility = await (await readModels.facilities()).get('facility-1');
    const dueEntries = await readModels.dueEntries();
    const due = (await dueEntries.find({ facilityId: { $in: ['facility-1', 'facility-2'] } }, { sort: [['id', 1]] })).map((e) => ({
      at: e.facilityId === 'facility-1' ? 'facility-1' : 'facility-2',
      who: e.subjectId === an ? 'an' : e.subjectId === binh ? 'binh' : 'chi',
      dose: e.nextDoseNumber,
      vaccineCode: e.vaccineCode,
      earliest: e.earliest,
      overdueFrom: e.overdueFrom,
      via: e.via,
      bookedOn: e.bookedOn,
    }));
    due.sort((a, b) => `${a.at}${a.who}`.localeCompare(`${b.at}${b.who}`));
    return { cells, plans, planDoses, chiDoses, facility, due };
  }

  const expected = () => ({
    cells: [
      { day: '2021-12-20', districtCode: '769', vaccineCode: 'COMIRNATY', doseNumber: 1, doses: 1 },
      { day: '2021-12-21', districtCode: '769', vaccineCode: 'COMIRNATY', doseNumber: 1, doses: 1 },
    ],
    plans: [{ id: planId, subjectIds: [an, binh] }],
    planDoses: [{ id: doseIds.an, subjectId: an, status: 'completed' }],
    chiDoses: ['voided'],
    facility: { id: 'facility-1', code: 'HCM-01', name: 'Trạm Y tế 1', provinceCode: '79', districtCode: '769' },
    // Pfizer's second dose: 21 days after the first, overdue from day 29. Chi's only dose was voided: not listed.
    due: [
      { at: 'facility-1', who: 'an', dose: 2, vaccineCode: 'COMIRNATY', earliest: '2022-01-11', overdueFrom: '2022-01-19', via: 'managed', bookedOn: null },
      { at: 'facility-1', who: 'binh', dose: 2, vaccineCode: 'COMIRNATY', earliest: '2022-01-10', overdueFrom: '2022-01-18', via: 'booked', bookedOn: '2021-12-21' },
      { at: 'facility-2', who: 'binh', dose: 2, vaccineCode: 'COMIRNATY', earliest: '2022-01-10', overdueFrom: '2022-01-18', via: 'managed', bookedOn: null },
    ],
  });

  it('counts coverage by day after a correction moved a dose and a void removed one', async () => {
    expect((await snapshot()).cells).toEqual(expected().cells);
  });

  it('shows plans with their bookings, doses by plan and subject, and known facilities', async () => {
    const { plans, planDoses, chiDoses, facility } = await snapshot();
    const { cells: _cells, due: _due, ...rest } = expected();
    expect({ plans, planDoses, chiDoses, facility }).toEqual(rest);
  });

  it('files each next dose under the managing facility and the facility of an open booking', async () => {
    expect((await snapshot()).due).toEqual(expected().due);
  });

  it('reads a facility’s due list by day and status, most urgent first, page by page', async () => {
    const entries = await readModels.dueEntries();
    const names = (page: { items: Array<{ subjectId: string; status: string }> }) => page.items.map((i) => `${i.subjectId === an ? 'an' : 'binh'}:${i.status}`);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-09', limit: 10 }))).toEqual([]);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-10', status: 'due', limit: 10 }))).toEqual(['binh:due']);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-12', status: 'due', limit: 10 }))).toEqual(['binh:due', 'an:due']);
    // Bounding the scan by the longest due window changes nothing in what is found.
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-12', status: 'due', limit: 10, longestDueWindowDays: 8 }))).toEqual(['binh:due', 'an:due']);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-12', status: 'due', limit: 10, longestDueWindowDays: 6 }))).toEqual(['binh:due']);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-18', status: 'due', limit: 10 }))).toEqual(['an:due']);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-18', status: 'overdue', limit: 10 }))).toEqual(['binh:overdue']);
    expect(names(await readDueList(entries, { facilityId: 'facility-1', on: '2022-01-18', limit: 10 }))).toEqual(['binh:overdue', 'an:due']);
    const first = await readDueList(entries, { facilityId: 'facility-1', on: '2022-02-01', status: 'overdue', limit: 1 });
    expect(names(first)).toEqual(['binh:overdue']);
    expect(first.next).toBe(`2022-01-18|${binh}|covid19`);
    const second = await readDueList(entries, { facilityId: 'facility-1', on: '2022-02-01', status: 'overdue', limit: 1, after: first.next! });
    expect(names(second)).toEqual(['an:overdue']);
    expect(second.next).toBeNull();
    expect(names(await readDueList(entries, { facilityId: 'facility-2', on: '2022-01-12', limit: 10 }))).toEqual(['binh:due']);
  });

  it('counts nothing twice when the whole log is applied again', async () => {
    const projections = immunizationProjections(readModels, catalogue);
    for (const event of await eventStore.readAll()) {
      for (const projection of projections) if (projection.handles.has(event.type)) await projection.apply(event);
    }
    expect(await snapshot()).toEqual(expected());
  });

  it('counts nothing twice when the whole log is applied again as one page', async () => {
    const events = await eventStore.readAll();
    const projections: Projection[] = immunizationProjections(readModels, catalogue);
    for (const projection of projections) {
      const relevant = events.filter((event) => projection.handles.has(event.type));
      if (projection.applyBatch) await projection.applyBatch(relevant);
      else for (const event of relevant) await projection.apply(event);
    }
    expect(await snapshot()).toEqual(expected());
  });

  it('rebuilds every read model from position 0 to the same state', async () => {
    for (const projection of immunizationProjections(readModels, catalogue)) {
      const progress = await ProjectionRunner.rebuild(eventStore, store, projection, { batchSize: 3 });
      expect(progress.position).toBe(await eventStore.headPosition());
    }
    expect(await snapshot()).toEqual(expected());
  });
}

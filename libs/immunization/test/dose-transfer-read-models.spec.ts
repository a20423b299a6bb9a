/**
 * The read models follow a registry merge and unmerge (subject-merge.consumer.ts): the dose index files the dose
 * under the subject that holds it, the due list forecasts for that subject only, and people coverage counts the
 * person under it. Applying the log again changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vaxledger/event-store';
import { type CloudEvent, type CommandMetadata, newId, type Projection, ProjectionRunner } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { loadVaccineCatalogue } from '../src/catalogue/vaccine-catalogue.file';
import { immunizationStreamId } from '../src/domain/immunization-record.events';
import { ImmunizationRecords } from '../src/immunization-records';
import { immunizationProjections } from '../src/immunization.module';
import { SubjectMergeConsumer } from '../src/integration/subject-merge.consumer';
import { ImmunizationReadModels } from '../src/read-models/immunization-read-models';

describe('read models after a registry merge and unmerge (SQLite)', () => {
  const catalogue = loadVaccineCatalogue();
  const meta: CommandMetadata = { actor: { accountId: 'staff-1', facilityId: 'facility-1', provinceCode: '79' }, now: new Date('2021-12-20T03:00:00Z'), correlationId: 'c-1' };
  const [duplicate, survivor, doseId] = [newId(), newId(), newId()];
  let dir: string;
  let eventStore: SqliteEventStore;
  let store: SqliteReadModelStore;
  let readModels: ImmunizationReadModels;

  const registryMessage = (type: string, data: object): CloudEvent => ({
    specversion: '1.0',
    id: newId(),
    source: '/vaxledger/registry',
    type,
    time: '2021-12-22T03:00:00.000Z',
    datacontenttype: 'application/json',
    partitionkey: duplicate,
    data,
  });

  const project = async () => {
    const runner = new ProjectionRunner(eventStore, store, immunizationProjections(readModels, catalogue));
    await runner.start();
    await runner.stop();
  };

  async function view() {
    const doses = (await (await readModels.doses()).find({ id: doseId })).map((d) => ({ subjectId: d.subjectId === survivor ? 'survivor' : 'duplicate', status: d.status }));
    const due = (await (await readModels.dueEntries()).find({ facilityId: { $in: ['facility-1', 'facility-2'] } })).map((e) => ({
      who: e.subjectId === survivor ? 'survivor' : 'duplicate',
      at: e.facilityId,
      dose: e.nextDoseNumber,
    }));
    const memos = await readModels.peopleCoverageMemo();
    const people = {
      duplicate: Object.keys((await memos.get(duplicate))?.doses ?? {}),
      survivor: Object.keys((await memos.get(survivor))?.doses ?? {}),
    };
    return { doses, due, people };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vx-immunization-merge-rm-'));
    eventStore = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 20 });
    store = new SqliteReadModelStore(join(dir, 'read-models.db'));
    readModels = new ImmunizationReadModels(store);
    const records = new ImmunizationRecords(eventStore);
    for (const [subjectId, managingFacilityId] of [[duplicate, 'facility-1'], [survivor, 'facility-2']]) {
      await records.handle(
        immunizationStreamId(subjectId),
        { type: 'NoteSubjectFacts', subjectId, facts: { dateOfBirth: '1990-01-01', birthYear: 1990, provinceCode: '79', districtCode: '769', managingFacilityId } },
        meta,
      );
    }
    await records.handle(
      immunizationStreamId(duplicate),
      {
        type: 'RecordDose',
        subjectId: duplicate,
        doseId,
        vaccineCode: 'COMIRNATY',
        lotNumber: 'FF1',
        administeredAt: '2021-12-01T09:00:00+07:00',
        facilityId: 'facility-1',
        planId: null,
        site: 'LD',
        route: null,
        vaccinatorId: 'staff-1',
        facilityLocation: { provinceCode: '79', districtCode: '769' },
        catalogue,
        now: new Date('2021-12-21T10:00:00+07:00'),
      },
      meta,
    );
  });

  afterAll(async () => {
    await eventStore?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the dose, the due entry and the person under the duplicate before the merge', async () => {
    await project();
    expect(await view()).toEqual({
      doses: [{ subjectId: 'duplicate', status: 'completed' }],
      due: [{ who: 'duplicate', at: 'facility-1', dose: 2 }],
      people: { duplicate: [doseId], survivor: [] },
    });
  });

  it('moves all of them to the survivor on merge, and counts nothing twice when the log is applied again', async () => {
    const consumer = new SubjectMergeConsumer(eventStore);
    const merged = registryMessage('vaxledger.registry.subject.merged', { subjectId: duplicate, mergedInto: survivor });
    await consumer.handle(merged);
    await consumer.handle(merged);
    await project();
    const after = {
      doses: [{ subjectId: 'survivor', status: 'completed' }],
      due: [{ who: 'survivor', at: 'facility-2', dose: 2 }],
      people: { duplicate: [], survivor: [doseId] },
    };
    expect(await view()).toEqual(after);
    const projections: Projection[] = immunizationProjections(readModels, catalogue);
    const events = await eventStore.readAll({ after: null, maxCount: 1000 });
    for (const projection of projections) {
      const handled = events.filter((e) => projection.handles?.has(e.type) ?? true);
      if (projection.applyBatch) await projection.applyBatch(handled);
      else for (const event of handled) await projection.apply(event);
    }
    expect(await view()).toEqual(after);
  });

  it('moves them back on unmerge', async () => {
    const consumer = new SubjectMergeConsumer(eventStore);
    await consumer.handle(registryMessage('vaxledger.registry.subject.unmerged', { subjectId: duplicate, formerSurvivorSubjectId: survivor }));
    await project();
    expect(await view()).toEqual({
      doses: [{ subjectId: 'duplicate', status: 'completed' }],
      due: [{ who: 'duplicate', at: 'facility-1', dose: 2 }],
      people: { duplicate: [doseId], survivor: [] },
    });
  });
});

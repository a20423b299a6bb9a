/**
 * The registry's read models behave the same on every ReadModelStore adapter: the projections and the
 * queries the handlers run (name key + phone hash, name key + ID hash, a facility's page, dose summaries,
 * the facility directory), replays, and a reset-and-rebuild from the log.
 */
import {
  newId,
  withMetadata,
  type ReadModelCollection,
  type ReadModelStore,
  type RecordedEvent,
} from '@vaxledger/kernel';
import { LookupHasher, openRegistryCollections, registryProjections, type RegistryCollections } from '@vaxledger/registry';
import { randomBytes } from 'node:crypto';
import { nameKeyOf } from '../src/domain/personal-name';
import type { SubjectEvent } from '../src/domain/subject.events';
import type { SubjectProfile } from '../src/domain/subject-profile';
import { DoseSummariesConsumer, summariseDoses } from '../src/read-models/dose-summaries.consumer';
import { FacilityDirectoryConsumer, findFacility } from '../src/read-models/facility-directory.consumer';

export interface RegistryReadModelsHarness {
  open(): Promise<ReadModelStore>;
  dispose(store: ReadModelStore): Promise<void>;
}

const hasher = LookupHasher.fromRoot(randomBytes(32));

function profile(overrides: Partial<SubjectProfile> = {}): SubjectProfile {
  return {
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-17',
    gender: 'male',
    idDocument: { type: 'CCCD', number: '001090012345' },
    phone: '+84912345678',
    address: { provinceCode: '01', districtCode: '005', wardCode: null, line: 'Số 12 Trần Duy Hưng' },
    priorityGroup: null,
    healthInsuranceNumber: null,
    ...overrides,
  };
}

/** A small event log: events as a store would hand them back, with strictly increasing positions. */
class EventLog {
  readonly events: RecordedEvent[] = [];
  private revisions = new Map<string, number>();

  add(subjectId: string, event: SubjectEvent): RecordedEvent {
    const streamId = `subject-${subjectId}`;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const [stored] = withMetadata([event], { actor: { accountId: 'clerk' }, now: new Date(), correlationId: newId() });
    const recorded = { ...stored, streamId, revision, position: this.events.length + 1 } as RecordedEvent;
    this.events.push(recorded);
    return recorded;
  }

  register(subjectId: string, p: SubjectProfile, facilityId = 'fac-1') {
    return this.add(subjectId, {
      type: 'SubjectRegistered',
      data: { subjectId, profile: p, managingFacilityId: facilityId, managingProvinceCode: '01', registeredVia: 'api' },
    });
  }
}

export function registryReadModelsContract(harness: RegistryReadModelsHarness): void {
  let store: ReadModelStore;
  let collections: RegistryCollections;

  beforeAll(async () => {
    store = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose(store);
  });

  beforeEach(async () => {
    collections = await openRegistryCollections(store);
    await Promise.all(Object.values(collections).map((c) => c.clear()));
  });

  async function project(events: RecordedEvent[], mode: 'one by one' | 'batched' = 'one by one') {
    for (const projection of registryProjections(collections, hasher)) {
      const relevant = events.filter((e) => projection.handles.has(e.type));
      if (mode === 'batched') await projection.applyBatch!(relevant);
      else for (const event of relevant) await projection.apply(event);
    }
  }

  const byPhone = (name: string, phone: string) =>
    collections.lookup.find({ nameKey: nameKeyOf(name), phoneHash: hasher.phoneHash(phone) }, { limit: 20 });
  const byIdNumber = (name: string, number: string) =>
    collections.lookup.find({ nameKey: nameKeyOf(name), idNumberHash: hasher.idNumberHash(number) }, { limit: 20 });

  it('finds a subject by exact name key and phone hash, or name key and ID hash, and by nothing less', async () => {
    const log = new EventLog();
    const an = newId();
    log.register(an, profile());
    log.register(newId(), profile({ fullName: 'Nguyễn Văn Anh', phone: '+84912345679', idDocument: { type: 'CCCD', number: '001090012346' } }));
    await project(log.events);
    expect((await byPhone('NGUYEN VAN  AN', '+84912345678')).map((d) => d.id)).toEqual([an]);
    expect((await byIdNumber('nguyễn văn an', '001090012345')).map((d) => d.id)).toEqual([an]);
    expect(await byPhone('Nguyễn Văn', '+84912345678')).toEqual([]);
    expect(await byPhone('Nguyễn Văn An', '+84912345679')).toEqual([]);
  });

  it('stores no plain phone or ID number in the lookup, only hashes and masked forms', async () => {
    const log = new EventLog();
    const id = newId();
    log.register(id, profile());
    await project(log.events);
    const doc = await collections.lookup.get(id);
    const stored = JSON.stringify(doc);
    expect(stored).not.toContain('912345678');
    expect(stored).not.toContain('001090012345');
    expect(doc).toMatchObject({ phoneMasked: '*******678', idNumberMasked: '*********345', birthYear: 1990 });
  });

  it('follows a name and phone change, so the old pair no longer finds the subject', async () => {
    const log = new EventLog();
    const id = newId();
    log.register(id, profile());
    log.add(id, {
      type: 'SubjectProfileChanged',
      data: { subjectId: id, changedFields: ['fullName', 'phone'], values: { fullName: 'Trần Văn An', phone: '+84987654321' }, changedByFacilityId: 'fac-1', stepUpUsed: false },
    });
    await project(log.events);
    expect(await byPhone('Nguyễn Văn An', '+84912345678')).toEqual([]);
    expect((await byPhone('Tran Van An', '+84987654321')).map((d) => d.id)).toEqual([id]);
  });

  it('ignores a replayed older event, so a rebuild in progress never rolls a document back', async () => {
    const log = new EventLog();
    const id = newId();
    const registered = log.register(id, profile());
    log.add(id, {
      type: 'SubjectProfileChanged',
      data: { subjectId: id, changedFields: ['fullName'], values: { fullName: 'Lê Thị Hà' }, changedByFacilityId: 'fac-1', stepUpUsed: false },
    });
    await project(log.events);
    await project([registered]);
    expect((await collections.lookup.get(id))?.fullName).toBe('Lê Thị Hà');
  });

  it('builds the same documents batched (rebuild) as one event at a time (live)', async () => {
    const log = new EventLog();
    const ids = Array.from({ length: 30 }, () => newId());
    ids.forEach((id, i) =>
      log.register(id, profile({ phone: `+8491234${String(5000 + i)}`, idDocument: { type: 'CCCD', number: `0010900${String(10000 + i)}` } }), i % 2 ? 'fac-1' : 'fac-2'),
    );
    log.add(ids[3], { type: 'SubjectManagementTransferred', data: { subjectId: ids[3], requestId: 'r', fromFacilityId: 'fac-1', toFacilityId: 'fac-3', managingProvinceCode: '79', decidedBy: 'facility' } });
    log.add(ids[4], { type: 'SubjectMergedInto', data: { subjectId: ids[4], survivorSubjectId: ids[5] } });
    await project(log.events);
    const live = await collections.lookup.find({}, { sort: [['id', 1]] });
    const liveList = await collections.facilitySubjects.find({}, { sort: [['id', 1]] });
    await collections.lookup.clear();
    await collections.facilitySubjects.clear();
    await project(log.events, 'batched');
    expect(await collections.lookup.find({}, { sort: [['id', 1]] })).toEqual(live);
    expect(await collections.facilitySubjects.find({}, { sort: [['id', 1]] })).toEqual(liveList);
    expect((await collections.lookup.get(ids[4]))?.mergedInto).toBe(ids[5]);
    expect((await collections.lookup.get(ids[3]))?.managingFacilityId).toBe('fac-3');
    // The province scope of search follows the managing facility's province.
    expect((await collections.lookup.get(ids[3]))?.managingProvinceCode).toBe('79');
    expect((await collections.lookup.get(ids[2]))?.managingProvinceCode).toBe('01');
  });

  it('folds a registration without reading its document first, and a later change with it', async () => {
    const reads: string[] = [];
    const counting = <T extends { id: string }>(collection: ReadModelCollection<T>): ReadModelCollection<T> =>
      Object.assign(Object.create(collection) as ReadModelCollection<T>, {
        get: (id: string) => {
          reads.push(id);
          return collection.get(id);
        },
      });
    const projections = registryProjections(
      { ...collections, lookup: counting(collections.lookup), facilitySubjects: counting(collections.facilitySubjects) },
      hasher,
    );
    const log = new EventLog();
    const an = newId();
    log.register(an, profile());
    for (const projection of projections) await projection.applyBatch!(log.events);
    expect(reads).toEqual([]);

    const transfer = log.add(an, {
      type: 'SubjectManagementTransferred',
      data: {
        subjectId: an,
        requestId: newId(),
        fromFacilityId: 'fac-1',
        toFacilityId: 'fac-2',
        managingProvinceCode: '01',
        decidedBy: 'facility',
      },
    });
    for (const projection of projections) await projection.apply(transfer);
    expect(reads).toEqual([an, an]);
    expect((await collections.facilitySubjects.get(an))?.managingFacilityId).toBe('fac-2');
  });

  it("pages through a facility's subjects in id order, leaving merged-away records out", async () => {
    const log = new EventLog();
    const mine = Array.from({ length: 5 }, () => newId());
    mine.forEach((id, i) => log.register(id, profile({ idDocument: { type: 'CCCD', number: `00109001${String(1000 + i)}` } }), 'fac-mine'));
    log.register(newId(), profile(), 'fac-other');
    const mergedAway = newId();
    log.register(mergedAway, profile({ idDocument: { type: 'CCCD', number: '001090019999' } }), 'fac-mine');
    log.add(mergedAway, { type: 'SubjectMergedInto', data: { subjectId: mergedAway, survivorSubjectId: mine[0] } });
    await project(log.events);
    const first = await collections.facilitySubjects.find(
      { managingFacilityId: 'fac-mine', mergedInto: null },
      { sort: [['id', 1]], limit: 3 },
    );
    const rest = await collections.facilitySubjects.find(
      { managingFacilityId: 'fac-mine', mergedInto: null, id: { $gte: first[2].id } },
      { sort: [['id', 1]], limit: 10 },
    );
    expect([...first, ...rest.slice(1)].map((d) => d.id)).toEqual([...mine].sort());
  });

  it('keeps dose summaries in arrival order per subject, a voided dose no longer counted', async () => {
    const consumer = new DoseSummariesConsumer(collections.doseSummaries);
    const subjectId = newId();
    const message = (type: string, doseId: string, doseNumber: number) => ({
      specversion: '1.0' as const,
      id: newId(),
      source: '/vaxledger/immunization',
      type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json' as const,
      partitionkey: subjectId,
      data: { subjectId, doseId, vaccineCode: 'BCG', doseNumber, administeredAt: `2024-0${doseNumber}-01T08:00:00+07:00`, status: 'recorded' },
    });
    await consumer.handle(message('vaxledger.immunization.dose.recorded', 'd1', 1));
    await consumer.handle(message('vaxledger.immunization.dose.recorded', 'd2', 2));
    await consumer.handle(message('vaxledger.immunization.dose.voided', 'd2', 2));
    expect(summariseDoses(await collections.doseSummaries.get(subjectId))).toEqual({
      dosesRecorded: 1,
      lastVaccineCode: 'BCG',
      lastAdministeredAt: '2024-01-01T08:00:00+07:00',
      highestDoseNumber: 1,
    });
    const joined = await collections.doseSummaries.find({ id: { $in: [subjectId, newId()] } });
    expect(joined.map((d) => d.id)).toEqual([subjectId]);
  });

  it('finds a facility of the directory by id or by code', async () => {
    const consumer = new FacilityDirectoryConsumer(collections.facilities);
    const facilityId = newId();
    await consumer.handle({
      specversion: '1.0',
      id: newId(),
      source: '/vaxledger/identity',
      type: 'vaxledger.identity.facility.registered',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      partitionkey: facilityId,
      data: { facilityId, code: 'HN-BD-01', provinceCode: '01', districtCode: '001' },
    });
    expect(await findFacility(collections.facilities, 'HN-BD-01')).toMatchObject({ id: facilityId, provinceCode: '01' });
    expect(await findFacility(collections.facilities, facilityId)).toMatchObject({ code: 'HN-BD-01' });
    expect(await findFacility(collections.facilities, 'HN-XX-99')).toBeNull();
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { CloudEvent, RecordedEvent } from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { IdNumberHasher, LookupHasher, registryHolderFeed } from '@vaxledger/registry';
import type { CertificateRecords } from '../certificate-records';
import { CertificateHolderFeedConsumer } from './holder-feed.consumer';
import { ProjectedHolderDirectory } from './projected-holder-directory';

const root = randomBytes(32);
// registry's hasher and the certificates' one: both derived from the one root secret, as each service does.
const registryHasher = LookupHasher.fromRoot(root);
const feed = registryHolderFeed(registryHasher);

let position = 0;
function subjectEvents(subjectId: string) {
  let revision = 0;
  return (type: string, data: Record<string, unknown>): CloudEvent => {
    const recorded: RecordedEvent = {
      type,
      data: { subjectId, ...data },
      streamId: `subject-${subjectId}`,
      revision: revision++,
      position: ++position,
      metadata: {
        eventId: randomUUID(),
        correlationId: randomUUID(),
        causationId: null,
        actor: { accountId: randomUUID() },
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
      },
    };
    const messages = feed(recorded);
    expect(messages).toHaveLength(1);
    return messages[0].message as CloudEvent;
  };
}

const profile = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Trần Thị Bình',
  dateOfBirth: '1991-03-08',
  gender: 'female',
  idDocument: { type: 'CCCD', number: '079191001234' },
  phone: '+84987654321',
  address: { provinceCode: '79', districtCode: '760', wardCode: null, line: 'Số 5' },
  priorityGroup: null,
  ...overrides,
});
const facilityId = randomUUID();
const registered = (p = profile()) => ({ profile: p, managingFacilityId: facilityId, managingProvinceCode: '79', registeredVia: 'api' });

describe('the certificate holders projected from registry holder feed', () => {
  let readModels: SqliteReadModelStore;
  let holders: ProjectedHolderDirectory;

  beforeEach(() => {
    readModels = new SqliteReadModelStore(':memory:');
    holders = new ProjectedHolderDirectory(readModels, IdNumberHasher.fromRoot(root));
  });
  afterEach(() => readModels.close());

  it('knows a registered holder by subject id and by ID number (with or without the name), never by the plain number', async () => {
    const subjectId = randomUUID();
    const next = subjectEvents(subjectId);
    expect(await holders.apply(next('SubjectRegistered', registered()))).toBe(true);
    expect(await holders.holder(subjectId)).toEqual({
      subjectId,
      fullName: 'Trần Thị Bình',
      dateOfBirth: '1991-03-08',
      phone: '+84987654321',
      status: 'active',
      mergedInto: null,
      managingFacilityId: facilityId,
      provinceCode: '79',
    });
    expect((await holders.findByIdNumber('079191001234', null))?.subjectId).toBe(subjectId);
    expect((await holders.findByIdNumber('079191001234', '  trần  thị BÌNH '))?.subjectId).toBe(subjectId);
    expect(await holders.findByIdNumber('079191001234', 'Someone Else')).toBeNull();
    expect(await holders.findByIdNumber('079191009999', null)).toBeNull();
    expect(await holders.holder(randomUUID())).toBeNull();
  });

  it('ignores a replayed message: applying the whole feed again changes nothing', async () => {
    const subjectId = randomUUID();
    const next = subjectEvents(subjectId);
    const feedOf = [
      next('SubjectRegistered', registered()),
      next('SubjectProfileChanged', { changedFields: ['fullName'], values: { fullName: 'Trần Thị Bích' }, changedByFacilityId: facilityId, stepUpUsed: true }),
    ];
    for (const message of feedOf) expect(await holders.apply(message)).toBe(true);
    const before = await holders.holder(subjectId);
    for (const message of feedOf) expect(await holders.apply(message)).toBe(false);
    expect(await holders.holder(subjectId)).toEqual(before);
    expect(before?.fullName).toBe('Trần Thị Bích');
  });

  it('never lets an older message overwrite a newer one, in whatever order they arrive', async () => {
    const subjectId = randomUUID();
    const next = subjectEvents(subjectId);
    const toFacility = randomUUID();
    const messages = [
      next('SubjectRegistered', registered()),
      next('SubjectProfileChanged', { changedFields: ['fullName'], values: { fullName: 'Trần Thị Bích' }, changedByFacilityId: facilityId, stepUpUsed: true }),
      next('SubjectProfileChanged', { changedFields: ['phone', 'idDocument'], values: { phone: '+84900000001', idDocument: { type: 'PASSPORT', number: 'C7654321' } }, changedByFacilityId: facilityId, stepUpUsed: true }),
      next('SubjectManagementTransferred', { requestId: randomUUID(), fromFacilityId: facilityId, toFacilityId: toFacility, managingProvinceCode: '01', decidedBy: 'facility' }),
      next('SubjectProfileChanged', { changedFields: ['fullName'], values: { fullName: 'Trần Thị Bảo' }, changedByFacilityId: toFacility, stepUpUsed: true }),
    ];
    const expected = {
      subjectId,
      fullName: 'Trần Thị Bảo',
      dateOfBirth: '1991-03-08',
      phone: '+84900000001',
      status: 'active',
      mergedInto: null,
      managingFacilityId: toFacility,
      provinceCode: '01',
    };
    for (const order of [[4, 3, 2, 1, 0], [0, 4, 1, 3, 2], [2, 0, 4, 1, 3, 0, 1]]) {
      const store = new SqliteReadModelStore(':memory:');
      const projected = new ProjectedHolderDirectory(store, IdNumberHasher.fromRoot(root));
      for (const index of order) await projected.apply(messages[index]);
      expect(await projected.holder(subjectId)).toEqual(expected);
      expect((await projected.findByIdNumber('C7654321', null))?.subjectId).toBe(subjectId);
      // The number it held before is no longer its number.
      expect(await projected.findByIdNumber('079191001234', null)).toBeNull();
      await store.close();
    }
  });

  it('states nobody until the registration arrived, even when a later change came first', async () => {
    const subjectId = randomUUID();
    const next = subjectEvents(subjectId);
    const registration = next('SubjectRegistered', registered());
    const rename = next('SubjectProfileChanged', { changedFields: ['fullName'], values: { fullName: 'Trần Thị Bích' }, changedByFacilityId: facilityId, stepUpUsed: true });
    await holders.apply(rename);
    expect(await holders.holder(subjectId)).toBeNull();
    await holders.apply(registration);
    expect((await holders.holder(subjectId))?.fullName).toBe('Trần Thị Bích');
  });

  it('follows a merge and an unmerge: the merged-away record is not found by its ID number, the survivor is', async () => {
    const survivorId = randomUUID();
    const duplicateId = randomUUID();
    const survivor = subjectEvents(survivorId);
    const duplicate = subjectEvents(duplicateId);
    await holders.apply(survivor('SubjectRegistered', registered()));
    await holders.apply(duplicate('SubjectRegistered', registered(profile({ idDocument: { type: 'CMND', number: '079191001234' } }))));
    // Two records, one number (the duplicate a merge resolves): only an active one answers, the first found.
    const merged = duplicate('SubjectMergedInto', { survivorSubjectId: survivorId });
    await holders.apply(merged);
    expect(await holders.holder(duplicateId)).toMatchObject({ status: 'merged', mergedInto: survivorId });
    expect((await holders.findByIdNumber('079191001234', null))?.subjectId).toBe(survivorId);

    const unmerged = duplicate('SubjectUnmerged', { formerSurvivorSubjectId: survivorId });
    await holders.apply(unmerged);
    expect(await holders.holder(duplicateId)).toMatchObject({ status: 'active', mergedInto: null });
    // The merge redelivered after the unmerge does not merge it again.
    expect(await holders.apply(merged)).toBe(false);
    expect(await holders.holder(duplicateId)).toMatchObject({ status: 'active', mergedInto: null });
  });

  it('drops what is not a holder message of a subject', async () => {
    const bad = { ...subjectEvents(randomUUID())('SubjectRegistered', registered()) };
    expect(await holders.apply({ ...bad, data: { ...(bad.data as object), subjectId: '../x' } })).toBe(false);
    expect(await holders.apply({ ...bad, data: { ...(bad.data as object), version: -1 } })).toBe(false);
  });

  it('revises certificates only after the holder read model took the change, for the changes that call for it', async () => {
    const subjectId = randomUUID();
    const next = subjectEvents(subjectId);
    const seen: Array<{ subjectId: string; detail: string; name: string | undefined }> = [];
    const records = {
      revise: async (id: string, _reason: string, detail: string) => {
        seen.push({ subjectId: id, detail, name: (await holders.holder(id))?.fullName });
      },
    } as unknown as CertificateRecords;
    const consumer = new CertificateHolderFeedConsumer(holders, records);
    await consumer.handle(next('SubjectRegistered', registered()));
    await consumer.handle(next('SubjectProfileChanged', { changedFields: ['phone'], values: { phone: '+84900000002' }, changedByFacilityId: facilityId, stepUpUsed: true }));
    expect(seen).toEqual([]);
    await consumer.handle(next('SubjectProfileChanged', { changedFields: ['fullName'], values: { fullName: 'Trần Thị Bích' }, changedByFacilityId: facilityId, stepUpUsed: true }));
    expect(seen).toEqual([{ subjectId, detail: 'profile_changed', name: 'Trần Thị Bích' }]);
    const survivorId = randomUUID();
    await consumer.handle(next('SubjectMergedInto', { survivorSubjectId: survivorId }));
    expect(seen.slice(1).map((s) => [s.subjectId, s.detail])).toEqual([
      [subjectId, 'merged'],
      [survivorId, 'merged'],
    ]);
  });
});

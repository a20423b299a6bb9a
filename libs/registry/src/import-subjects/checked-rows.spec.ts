import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@vaxledger/kernel';
import { idDocumentStreamId } from '../domain/id-document-reservation.events';
import { LookupHasher } from '../privacy/lookup-hasher';
import { readCheckedRows, type CheckedRowBatch } from './checked-rows';

const header = 'full_name,date_of_birth,gender,id_type,id_number,phone,province_code,district_code,ward_code,address_line,facility';
const clock: Clock = { now: () => new Date('2026-11-25T03:00:00Z') };
const hasher = LookupHasher.fromRoot(Buffer.alloc(32, 7));

describe('reading checked import rows', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'vx-checked-rows-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function read(lines: string[], keepRecordsWithoutFacility = false): Promise<CheckedRowBatch[]> {
    const file = join(folder, 'subjects.csv');
    writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
    const batches: CheckedRowBatch[] = [];
    for await (const batch of readCheckedRows(file, hasher, clock, { batchSize: 2, keepRecordsWithoutFacility })) batches.push(batch);
    return batches;
  }

  it('hands rows over in batches, each valid row with its profile and reservation stream', async () => {
    const batches = await read([
      'Nguyễn Văn An,1990-01-01,male,CCCD,001090000001,0912000001,01,005,,Số 1,',
      'Trần Thị Bình,02/03/1991,nữ,CCCD,001091000002,0912 000 002,01,005,,Số 2,',
      'Lê Văn Cường,1992-01-01,male,CCCD,001092000003,0912000003,01,005,,Số 3,',
    ]);
    expect(batches.map((batch) => batch.rows.length)).toEqual([2, 1]);
    const [first, second] = batches[0].rows;
    expect(first.line).toBe(2);
    expect(first.checked).toEqual({
      ok: true,
      profile: expect.objectContaining({ fullName: 'Nguyễn Văn An', phone: '+84912000001' }),
      documentStream: idDocumentStreamId(hasher.documentKey('CCCD', '001090000001')),
    });
    expect(second.checked.ok && second.checked.profile).toMatchObject({ dateOfBirth: '1991-03-02', gender: 'female' });
    expect(batches[1].bytesRead).toBeGreaterThan(batches[0].bytesRead);
  });

  it('keeps the row as read only when it may go to the rejected-rows report', async () => {
    const [batch] = await read([
      'Nguyễn Văn An,1990-01-01,male,CCCD,001090000001,0912000001,01,005,,Số 1,',
      'Trần Thị Bình,1991-01-01,female,CCCD,12,0912000002,01,005,,Số 2, HN-001 ',
    ]);
    const [valid, refused] = batch.rows;
    expect(valid.record).toBeNull();
    expect(valid.facilityName).toBeNull();
    expect(refused.checked).toEqual({ ok: false, reason: 'idDocument.number: a CCCD number has 12 digits' });
    expect(refused.facilityName).toBe('HN-001');
    expect(refused.record).toMatchObject({ full_name: 'Trần Thị Bình', id_number: '12' });

    const [withoutDefault] = await read(['Nguyễn Văn An,1990-01-01,male,CCCD,001090000001,0912000001,01,005,,Số 1,'], true);
    expect(withoutDefault.rows[0].record).toMatchObject({ full_name: 'Nguyễn Văn An' });
  });
});

/** Registry merges and unmerges moving doses between two immunization records (subject-merge.consumer.ts). */
import { deciderSpec } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../catalogue/vaccine-catalogue.file';
import { doseRecordDecider, type ImmunizationRecordCommand, type ImmunizationRecordState } from './dose-record.decider';
import type { DoseSnapshot, ImmunizationRecordEvent, TransferredDose } from './immunization-record.events';

const catalogue = loadVaccineCatalogue();
const spec = deciderSpec(doseRecordDecider);
const duplicate = '0190f1c2-aaaa-7000-8000-00000000000d';
const survivor = '0190f1c2-aaaa-7000-8000-00000000000s';
const now = new Date('2021-12-20T10:00:00+07:00');

const snapshot = (subjectId: string, doseId: string, vaccineCode: string, date: string, doseNumber: number): DoseSnapshot => ({
  subjectId,
  doseId,
  vaccineCode,
  seriesGroup: catalogue.products.find((p) => p.code === vaccineCode)!.seriesGroup,
  doseNumber,
  administeredAt: `${date}T09:00:00+07:00`,
  lotNumber: 'LOT-1',
  facilityId: 'facility-1',
  planId: null,
  site: 'LA',
  route: 'IM',
  vaccinatorId: 'vaccinator-1',
  reporting: { ageBand: '18-49', sex: 'female', provinceCode: '79', districtCode: '769' },
});
const recorded = (subjectId: string, doseId: string, vaccineCode: string, date: string, doseNumber: number): ImmunizationRecordEvent => ({
  type: 'DoseRecorded',
  data: snapshot(subjectId, doseId, vaccineCode, date, doseNumber),
});
const transferred = (dose: DoseSnapshot, extra: Partial<TransferredDose> = {}): TransferredDose => ({
  ...dose,
  status: 'completed',
  voidReason: null,
  corrections: 0,
  reactions: [],
  ...extra,
});
const stateOf = (events: ImmunizationRecordEvent[]): ImmunizationRecordState =>
  events.reduce(doseRecordDecider.evolve, doseRecordDecider.initialState());

const out = (subjectId: string, toSubjectId: string, reason: 'merge' | 'unmerge', transferId: string): ImmunizationRecordCommand => ({
  type: 'TransferDosesOut',
  subjectId,
  toSubjectId,
  reason,
  transferId,
});

describe('moving doses on a registry merge', () => {
  const d1 = snapshot(duplicate, 'dose-d1', 'VAXZEVRIA', '2021-08-01', 1);

  it('moves every dose of the merged-away record out, with its recorded state', () => {
    spec
      .given([recorded(duplicate, 'dose-d1', 'VAXZEVRIA', '2021-08-01', 1)])
      .when(out(duplicate, survivor, 'merge', 'msg-merge-1'))
      .then([
        {
          type: 'DosesTransferredOut',
          data: { subjectId: duplicate, toSubjectId: survivor, reason: 'merge', transferId: 'msg-merge-1', doses: [transferred(d1)] },
        },
      ]);
  });

  it('adds them to the survivor as its own doses, remembering where they came from', () => {
    spec
      .given([recorded(survivor, 'dose-s1', 'COMIRNATY', '2021-06-01', 1)])
      .when({ type: 'TransferDosesIn', subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'msg-merge-1', doses: [transferred(d1)] })
      .then([
        {
          type: 'DosesTransferredIn',
          data: {
            subjectId: survivor,
            fromSubjectId: duplicate,
            reason: 'merge',
            transferId: 'msg-merge-1',
            doses: [transferred({ ...d1, subjectId: survivor }, { cameFrom: duplicate })],
          },
        },
      ]);
  });

  it('does nothing when the same merge message comes again, on either record', () => {
    const leftOut: ImmunizationRecordEvent = {
      type: 'DosesTransferredOut',
      data: { subjectId: duplicate, toSubjectId: survivor, reason: 'merge', transferId: 'msg-merge-1', doses: [transferred(d1)] },
    };
    spec.given([recorded(duplicate, 'dose-d1', 'VAXZEVRIA', '2021-08-01', 1), leftOut]).when(out(duplicate, survivor, 'merge', 'msg-merge-1')).then([]);
    const cameIn: ImmunizationRecordEvent = {
      type: 'DosesTransferredIn',
      data: { subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'msg-merge-1', doses: [transferred({ ...d1, subjectId: survivor }, { cameFrom: duplicate })] },
    };
    spec
      .given([cameIn])
      .when({ type: 'TransferDosesIn', subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'msg-merge-1', doses: [transferred(d1)] })
      .then([]);
    // A dose the survivor already holds (by id) is never added twice, even under another transfer.
    const again = spec
      .given([cameIn])
      .when({ type: 'TransferDosesIn', subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'msg-merge-2', doses: [transferred(d1)] })
      .events();
    expect(again).toMatchObject([{ type: 'DosesTransferredIn', data: { doses: [] } }]);
  });

  it('refuses a transfer to the same record or to a malformed id', () => {
    spec.given([]).when(out(duplicate, duplicate, 'merge', 'm')).thenThrows('transfer_target_invalid');
    spec.given([]).when(out(duplicate, 'not an id!', 'merge', 'm')).thenThrows('transfer_target_invalid');
  });

  it('lets the schedule rules see one history: the survivor’s next AstraZeneca dose is dose 2', () => {
    const history: ImmunizationRecordEvent[] = [
      recorded(survivor, 'dose-s1', 'COMIRNATY', '2021-06-01', 1),
      {
        type: 'DosesTransferredIn',
        data: { subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'm1', doses: [transferred({ ...d1, subjectId: survivor }, { cameFrom: duplicate })] },
      },
    ];
    const next = (given: ImmunizationRecordEvent[]) => spec.given(given).when({
        type: 'RecordDose',
        subjectId: survivor,
        doseId: 'dose-new',
        vaccineCode: 'VAXZEVRIA',
        lotNumber: 'LOT-9',
        administeredAt: '2021-11-01T09:00:00+07:00',
        facilityId: 'facility-1',
        planId: null,
        site: 'LA',
        route: null,
        vaccinatorId: 'vaccinator-2',
        facilityLocation: null,
        catalogue,
        now,
      }).events()[0];
    // The survivor's own record holds no AstraZeneca dose; the merged-in one makes the new dose the second.
    expect(next([history[1]])).toMatchObject({ type: 'DoseRecorded', data: { doseNumber: 2 } });
    expect(next([])).toMatchObject({ type: 'DoseRecorded', data: { doseNumber: 1 } });
    expect(next(history)).toMatchObject({ type: 'DoseRecorded', data: { doseNumber: 2 } });
    expect(stateOf(history).doses.map((d) => d.doseId)).toEqual(['dose-s1', 'dose-d1']);
  });

  it('gives back on unmerge only the doses the merge brought, in their current state, and they are home again', () => {
    const survivorHistory: ImmunizationRecordEvent[] = [
      recorded(survivor, 'dose-s1', 'COMIRNATY', '2021-06-01', 1),
      {
        type: 'DosesTransferredIn',
        data: { subjectId: survivor, fromSubjectId: duplicate, reason: 'merge', transferId: 'm1', doses: [transferred({ ...d1, subjectId: survivor }, { cameFrom: duplicate })] },
      },
      { type: 'DoseVoided', data: { ...snapshot(survivor, 'dose-d1', 'VAXZEVRIA', '2021-08-01', 1), reason: 'entered twice' } },
    ];
    const [leaving] = spec.given(survivorHistory).when(out(survivor, duplicate, 'unmerge', 'u1')).events();
    expect(leaving).toMatchObject({
      type: 'DosesTransferredOut',
      data: { toSubjectId: duplicate, reason: 'unmerge', doses: [{ doseId: 'dose-d1', status: 'voided', cameFrom: duplicate }] },
    });
    const after = stateOf([...survivorHistory, leaving]);
    expect(after.doses.map((d) => d.doseId)).toEqual(['dose-s1']);
    expect(after.movedOut?.u1.map((d) => d.doseId)).toEqual(['dose-d1']);

    const duplicateHistory: ImmunizationRecordEvent[] = [
      recorded(duplicate, 'dose-d1', 'VAXZEVRIA', '2021-08-01', 1),
      { type: 'DosesTransferredOut', data: { subjectId: duplicate, toSubjectId: survivor, reason: 'merge', transferId: 'm1', doses: [transferred(d1)] } },
    ];
    expect(stateOf(duplicateHistory).doses).toEqual([]);
    const [home] = spec
      .given(duplicateHistory)
      .when({ type: 'TransferDosesIn', subjectId: duplicate, fromSubjectId: survivor, reason: 'unmerge', transferId: 'u1', doses: after.movedOut!.u1 })
      .events();
    expect(home).toMatchObject({ type: 'DosesTransferredIn', data: { doses: [{ doseId: 'dose-d1', subjectId: duplicate, status: 'voided', cameFrom: null }] } });
  });
});

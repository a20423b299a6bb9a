/**
 * Coverage figures: doses by province, district, vaccine, dose number and day. A correction moves its dose to
 * another cell when the date, vaccine or number changed; a void takes it out. Each cell and each dose memo keeps
 * the last position applied to it, so replays after a crash never count an event twice.
 */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { localDateOf } from '../domain/calendar';
import type { DoseSnapshot } from '../domain/immunization-record.events';
import type { CoverageCell, CoverageDoseMemo, ImmunizationReadModels } from './immunization-read-models';

type CellKey = Omit<CoverageCell, 'id' | 'doses' | 'appliedThrough'>;

function cellOf(dose: DoseSnapshot): CellKey & { id: string } {
  const key: CellKey = {
    provinceCode: dose.reporting.provinceCode,
    districtCode: dose.reporting.districtCode,
    vaccineCode: dose.vaccineCode,
    doseNumber: dose.doseNumber,
    day: localDateOf(dose.administeredAt),
  };
  return { id: [key.provinceCode ?? '', key.districtCode ?? '', key.vaccineCode, key.doseNumber, key.day].join('|'), ...key };
}

export class CoverageProjection implements Projection {
  readonly name = 'immunization-coverage';
  readonly handles: ReadonlySet<string> = new Set(['DoseRecorded', 'DoseCorrected', 'DoseVoided']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  /**
   * A page of events against an in-memory view of the cells and memos it touches, then one write of each
   * changed collection: a page costs two transactions, not two per event.
   */
  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const [cells, memos] = await Promise.all([this.readModels.coverage(), this.readModels.coverageMemo()]);
    const view = {
      cells: new Map<string, CoverageCell | null>(),
      memos: new Map<string, CoverageDoseMemo | null>(),
      changedCells: new Map<string, { doc: CoverageCell; position: number }>(),
      changedMemos: new Map<string, { doc: CoverageDoseMemo; position: number }>(),
    };
    const cellNamed = async (id: string) => {
      if (!view.cells.has(id)) view.cells.set(id, await cells.get(id));
      return view.cells.get(id)!;
    };
    const memoOf = async (id: string) => {
      if (!view.memos.has(id)) view.memos.set(id, await memos.get(id));
      return view.memos.get(id)!;
    };
    const count = async (cellId: string, key: CellKey | null, delta: number, position: number) => {
      const cell = await cellNamed(cellId);
      if (cell && cell.appliedThrough >= position) return;
      if (!cell && !key) return;
      const base: CoverageCell = cell ?? { id: cellId, ...key!, doses: 0, appliedThrough: -1 };
      const next = { ...base, doses: Math.max(0, base.doses + delta), appliedThrough: position };
      view.cells.set(cellId, next);
      view.changedCells.set(cellId, { doc: next, position });
    };
    for (const event of events) {
      const dose = event.data as DoseSnapshot;
      if (!dose?.doseId || !dose.reporting) continue;
      const memo = await memoOf(dose.doseId);
      if (memo && memo.appliedThrough >= event.position) continue;
      const previousCell = memo?.cellId ?? null;
      const nextCell = event.type === 'DoseVoided' ? null : cellOf(dose);
      if (previousCell !== (nextCell?.id ?? null)) {
        if (previousCell) await count(previousCell, null, -1, event.position);
        if (nextCell) await count(nextCell.id, nextCell, +1, event.position);
      }
      const nextMemo = { id: dose.doseId, cellId: nextCell?.id ?? null, appliedThrough: event.position };
      view.memos.set(dose.doseId, nextMemo);
      view.changedMemos.set(dose.doseId, { doc: nextMemo, position: event.position });
    }
    if (view.changedCells.size > 0) await cells.upsertMany([...view.changedCells.values()]);
    if (view.changedMemos.size > 0) await memos.upsertMany([...view.changedMemos.values()]);
  }

  async reset(): Promise<void> {
    await (await this.readModels.coverage()).clear();
    await (await this.readModels.coverageMemo()).clear();
  }
}

/**
 * Coverage figures: doses by province, district, vaccine, dose number and day. A correction moves its dose to
 * another cell when the date, vaccine or number changed; a void takes it out. Each cell and each dose memo keeps
 * the last position applied to it, so replays after a crash never count an event twice.
 */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { localDateOf } from '../domain/calendar';
import type { DoseSnapshot } from '../domain/immunization-record.events';
import type { CoverageCell, ImmunizationReadModels } from './immunization-read-models';

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
    const dose = event.data as DoseSnapshot;
    if (!dose?.doseId || !dose.reporting) return;
    const memos = await this.readModels.coverageMemo();
    const memo = await memos.get(dose.doseId);
    if (memo && memo.appliedThrough >= event.position) return;
    const previousCell = memo?.cellId ?? null;
    const nextCell = event.type === 'DoseVoided' ? null : cellOf(dose);
    if (previousCell !== (nextCell?.id ?? null)) {
      if (previousCell) await this.count(previousCell, null, -1, event.position);
      if (nextCell) await this.count(nextCell.id, nextCell, +1, event.position);
    }
    await memos.upsert({ id: dose.doseId, cellId: nextCell?.id ?? null, appliedThrough: event.position }, event.position);
  }

  private async count(cellId: string, key: CellKey | null, delta: number, position: number): Promise<void> {
    const cells = await this.readModels.coverage();
    const cell = await cells.get(cellId);
    if (cell && cell.appliedThrough >= position) return;
    if (!cell && !key) return;
    const base: CoverageCell = cell ?? { id: cellId, ...key!, doses: 0, appliedThrough: -1 };
    await cells.upsert({ ...base, doses: Math.max(0, base.doses + delta), appliedThrough: position }, position);
  }

  async reset(): Promise<void> {
    await (await this.readModels.coverage()).clear();
    await (await this.readModels.coverageMemo()).clear();
  }
}

/**
 * Coverage in people, not doses: for the COVID-19 series, when each person got a first dose, completed the
 * primary series and got a booster, counted by residence (province, district), target group (age on 1 July
 * 2021, the reference day of the 2021 average population) and week. A correction or void recomputes the
 * person and moves them between cells; cells and memos keep the position they applied, so replays count once.
 */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { addAge, ageInYears, daysBetween, localDateOf } from '../domain/calendar';
import type { DoseSnapshot, ImmunizationRecordEvent } from '../domain/immunization-record.events';
import { findVaccine, type VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { CoverageMilestone, ImmunizationReadModels, PeopleCoverageCell, PeopleCoverageMemo, TargetGroup } from './immunization-read-models';

export const coverageSeriesGroup = 'covid19';
export const targetGroupReferenceDay = '2021-07-01';

export function targetGroupOf(dateOfBirth: string | null, birthYear: number | null): TargetGroup {
  const dob = dateOfBirth ?? (birthYear ? `${birthYear}-07-01` : null);
  if (!dob) return 'unknown';
  const age = ageInYears(dob, targetGroupReferenceDay);
  return age >= 18 ? '18+' : age >= 12 ? '12-17' : 'under12';
}

/** Monday of the ISO week of a date. */
export function weekStartOf(date: string): string {
  const dayOfWeek = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addAge(date, { amount: -((dayOfWeek + 6) % 7), unit: 'd' });
}

/** The day each milestone was reached, from the person's valid doses of the series. */
export function milestonesOf(memo: PeopleCoverageMemo, catalogue: VaccineCatalogue): Partial<Record<CoverageMilestone, { date: string; provinceCode: string | null; districtCode: string | null }>> {
  const valid = Object.values(memo.doses)
    .filter((dose) => dose.status === 'completed')
    .sort((a, b) => daysBetween(b.date, a.date) || a.doseNumber - b.doseNumber);
  const reached: Partial<Record<CoverageMilestone, { date: string; provinceCode: string | null; districtCode: string | null }>> = {};
  const place = (dose: (typeof valid)[number]) => ({ date: dose.date, provinceCode: memo.provinceCode ?? dose.provinceCode, districtCode: memo.provinceCode ? memo.districtCode : dose.districtCode });
  for (const dose of valid) {
    const primaryDoses = findVaccine(catalogue, dose.vaccineCode)?.primarySeries.doses ?? 2;
    if (!reached.atLeastOneDose) reached.atLeastOneDose = place(dose);
    if (!reached.primarySeriesComplete && dose.doseNumber >= primaryDoses) reached.primarySeriesComplete = place(dose);
    if (!reached.booster && dose.doseNumber > primaryDoses) reached.booster = place(dose);
  }
  return reached;
}

const cellKey = (provinceCode: string | null, districtCode: string | null, group: TargetGroup, milestone: CoverageMilestone, weekStart: string) =>
  [provinceCode ?? '', districtCode ?? '', group, milestone, weekStart].join('|');

export class PeopleCoverageProjection implements Projection {
  readonly name = 'immunization-people-coverage';
  readonly handles: ReadonlySet<string> = new Set([
    'DoseRecorded',
    'DoseCorrected',
    'DoseVoided',
    'SubjectFactsNoted',
    'DosesTransferredOut',
    'DosesTransferredIn',
  ]);

  constructor(
    private readonly readModels: ImmunizationReadModels,
    private readonly catalogue: VaccineCatalogue,
  ) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const [cells, memos] = await Promise.all([this.readModels.peopleCoverage(), this.readModels.peopleCoverageMemo()]);
    const memoCache = new Map<string, PeopleCoverageMemo | null>();
    const cellCache = new Map<string, PeopleCoverageCell | null>();
    const changedMemos = new Map<string, { doc: PeopleCoverageMemo; position: number }>();
    const changedCells = new Map<string, { doc: PeopleCoverageCell; position: number }>();
    const cellNamed = async (id: string) => {
      if (!cellCache.has(id)) cellCache.set(id, await cells.get(id));
      return cellCache.get(id) ?? null;
    };

    for (const recorded of events) {
      const event = recorded as unknown as ImmunizationRecordEvent;
      const subjectId = (event.data as { subjectId?: unknown })?.subjectId;
      if (typeof subjectId !== 'string') continue;
      const transfer = event.type === 'DosesTransferredOut' || event.type === 'DosesTransferredIn';
      if (event.type !== 'SubjectFactsNoted' && !transfer && (event.data as DoseSnapshot).seriesGroup !== coverageSeriesGroup) continue;
      if (!memoCache.has(subjectId)) memoCache.set(subjectId, await memos.get(subjectId));
      const stored = memoCache.get(subjectId) ?? null;
      if (stored && stored.appliedThrough >= recorded.position) continue;
      const memo: PeopleCoverageMemo = stored
        ? structuredClone(stored)
        : { id: subjectId, provinceCode: null, districtCode: null, dateOfBirth: null, birthYear: null, doses: {}, cellIds: [], appliedThrough: -1 };
      if (event.type === 'SubjectFactsNoted') {
        const facts = event.data.facts;
        memo.provinceCode = facts.provinceCode ?? memo.provinceCode;
        memo.districtCode = facts.provinceCode ? (facts.districtCode ?? null) : memo.districtCode;
        memo.dateOfBirth = facts.dateOfBirth ?? memo.dateOfBirth;
        memo.birthYear = facts.birthYear ?? memo.birthYear;
      } else if (event.type === 'DosesTransferredOut') {
        // A registry merge or unmerge: the person counts under the record that holds the doses now.
        for (const dose of event.data.doses) delete memo.doses[dose.doseId];
      } else if (event.type === 'DosesTransferredIn') {
        for (const dose of event.data.doses) {
          if (dose.seriesGroup !== coverageSeriesGroup) continue;
          memo.doses[dose.doseId] = {
            vaccineCode: dose.vaccineCode,
            doseNumber: dose.doseNumber,
            date: localDateOf(dose.administeredAt),
            status: dose.status,
            provinceCode: dose.reporting?.provinceCode ?? null,
            districtCode: dose.reporting?.districtCode ?? null,
          };
        }
      } else if (event.type === 'DoseRecorded' || event.type === 'DoseCorrected' || event.type === 'DoseVoided') {
        const dose = event.data as DoseSnapshot;
        memo.doses[dose.doseId] = {
          vaccineCode: dose.vaccineCode,
          doseNumber: dose.doseNumber,
          date: localDateOf(dose.administeredAt),
          status: event.type === 'DoseVoided' ? 'voided' : 'completed',
          provinceCode: dose.reporting?.provinceCode ?? null,
          districtCode: dose.reporting?.districtCode ?? null,
        };
      } else {
        continue;
      }
      const group = targetGroupOf(memo.dateOfBirth, memo.birthYear);
      const next = new Map<string, Omit<PeopleCoverageCell, 'people' | 'appliedThrough'>>();
      for (const [milestone, at] of Object.entries(milestonesOf(memo, this.catalogue)) as Array<[CoverageMilestone, { date: string; provinceCode: string | null; districtCode: string | null }]>) {
        const weekStart = weekStartOf(at.date);
        const id = cellKey(at.provinceCode, at.districtCode, group, milestone, weekStart);
        next.set(id, { id, provinceCode: at.provinceCode, districtCode: at.districtCode, targetGroup: group, milestone, weekStart });
      }
      const count = async (id: string, delta: number, key: Omit<PeopleCoverageCell, 'people' | 'appliedThrough'> | null) => {
        const cell = await cellNamed(id);
        if (!cell && !key) return;
        // Counted already by this event before a crash cut the batch short (cells are written before memos).
        if (cell && cell.appliedThrough >= recorded.position) return;
        const base: PeopleCoverageCell = cell ?? { ...key!, people: 0, appliedThrough: -1 };
        const updated = { ...base, people: Math.max(0, base.people + delta), appliedThrough: recorded.position };
        cellCache.set(id, updated);
        changedCells.set(id, { doc: updated, position: recorded.position });
      };
      for (const id of memo.cellIds) if (!next.has(id)) await count(id, -1, null);
      for (const [id, key] of next) if (!memo.cellIds.includes(id)) await count(id, +1, key);
      memo.cellIds = [...next.keys()];
      memo.appliedThrough = recorded.position;
      memoCache.set(subjectId, memo);
      changedMemos.set(subjectId, { doc: memo, position: recorded.position });
    }
    if (changedCells.size > 0) await cells.upsertMany([...changedCells.values()]);
    if (changedMemos.size > 0) await memos.upsertMany([...changedMemos.values()]);
  }

  async reset(): Promise<void> {
    await (await this.readModels.peopleCoverage()).clear();
    await (await this.readModels.peopleCoverageMemo()).clear();
  }
}

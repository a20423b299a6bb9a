/**
 * Coverage as a share of the people to vaccinate: people with at least one COVID-19 dose, a complete primary
 * series and a booster, against the 2021 population of the target groups (18+, 12–17), per province and
 * district, and as a weekly cumulative series. Districts have no denominators (see population-2021.json).
 */
import type { FieldFilter, ReadModelCollection } from '@vaxledger/kernel';
import type { PopulationReference } from '../catalogue/population.file';
import { addAge } from '../domain/calendar';
import type { CoverageMilestone, PeopleCoverageCell } from '../read-models/immunization-read-models';
import { coverageSeriesGroup, targetGroupReferenceDay, weekStartOf } from '../read-models/people-coverage.projection';

export const targetGroups = ['18+', '12-17'] as const;
const milestones: CoverageMilestone[] = ['atLeastOneDose', 'primarySeriesComplete', 'booster'];

type Counts = Record<CoverageMilestone, number>;
const zero = (): Counts => ({ atLeastOneDose: 0, primarySeriesComplete: 0, booster: 0 });
/** Percent with four decimals: a province of millions still shows its first vaccinated people. */
const percent = (count: number, of: number | null) => (of ? Math.round((1_000_000 * count) / of) / 10_000 : null);

function figures(counts: Counts, targetPopulation: number | null) {
  return {
    targetPopulation,
    ...counts,
    atLeastOneDosePercent: percent(counts.atLeastOneDose, targetPopulation),
    primarySeriesCompletePercent: percent(counts.primarySeriesComplete, targetPopulation),
    boosterPercent: percent(counts.booster, targetPopulation),
  };
}

export async function peopleCoverage(cells: ReadModelCollection<PeopleCoverageCell>, population: PopulationReference, scope: { provinceCode: string | null; from: string; to: string }) {
  const filter: FieldFilter = { weekStart: { $lte: scope.to } };
  if (scope.provinceCode) filter.provinceCode = scope.provinceCode;
  const counted = (await cells.find(filter)).filter((cell) => cell.people > 0);
  const inTarget = counted.filter((cell) => (targetGroups as readonly string[]).includes(cell.targetGroup));
  const provincesInScope = population.provinces.filter((p) => !scope.provinceCode || p.provinceCode === scope.provinceCode);
  const targetOf = (p: (typeof provincesInScope)[number], group?: (typeof targetGroups)[number]) => (group ? p.ageBands[group] : p.ageBands['18+'] + p.ageBands['12-17']);

  const sum = (list: PeopleCoverageCell[]) => {
    const counts = zero();
    for (const cell of list) counts[cell.milestone] += cell.people;
    return counts;
  };
  const provinces = provincesInScope.map((p) => {
    const own = inTarget.filter((cell) => cell.provinceCode === p.provinceCode);
    const districtCodes = [...new Set(own.map((cell) => cell.districtCode))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
    return {
      provinceCode: p.provinceCode,
      name: p.name,
      ...figures(sum(own), targetOf(p)),
      byTargetGroup: Object.fromEntries(targetGroups.map((group) => [group, figures(sum(own.filter((cell) => cell.targetGroup === group)), targetOf(p, group))])),
      districts: districtCodes.map((districtCode) => ({ districtCode, ...figures(sum(own.filter((cell) => cell.districtCode === districtCode)), null) })),
    };
  });

  const totalTarget = provincesInScope.reduce((n, p) => n + targetOf(p), 0);
  // Cumulative by week, from the week of `from` to the week of `to`.
  const weekly: Array<ReturnType<typeof figures> & { weekStart: string }> = [];
  const byWeek = new Map<string, Counts>();
  for (const cell of inTarget) {
    const counts = byWeek.get(cell.weekStart) ?? zero();
    counts[cell.milestone] += cell.people;
    byWeek.set(cell.weekStart, counts);
  }
  const running = zero();
  for (const [week, counts] of [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (week >= weekStartOf(scope.from)) break;
    for (const m of milestones) running[m] += counts[m];
  }
  for (let week = weekStartOf(scope.from); week <= scope.to; week = addAge(week, { amount: 7, unit: 'd' })) {
    const counts = byWeek.get(week);
    if (counts) for (const m of milestones) running[m] += counts[m];
    weekly.push({ weekStart: week, ...figures({ ...running }, totalTarget) });
  }

  return {
    seriesGroup: coverageSeriesGroup,
    asOfWeek: weekStartOf(scope.to),
    targetGroups,
    targetGroupReferenceDay,
    populationSource: `${population.source.publisher as string}, ${population.year} (reference-data/population-2021.json)`,
    total: figures(sum(inTarget), totalTarget),
    outsideTargetGroups: sum(counted.filter((cell) => !(targetGroups as readonly string[]).includes(cell.targetGroup))),
    provinces,
    weekly,
  };
}

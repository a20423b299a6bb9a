import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { type FieldFilter, ruleBroken } from '@vaxledger/kernel';
import { coverageScope } from '../access/immunization-scope';
import { daysBetween } from '../domain/calendar';
import type { ImmunizationReadModels } from '../read-models/immunization-read-models';
import { coverageReportQuerySchema } from './coverage-report.query';
import { peopleCoverage } from './people-coverage';
import type { PopulationReference } from '../catalogue/population.file';

const maxRangeDays = 366;

export class CoverageReportHandler {
  constructor(
    private readonly readModels: ImmunizationReadModels,
    private readonly population: PopulationReference,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, request: unknown) {
    const query = parseInput(coverageReportQuerySchema, request);
    const provinceCode = coverageScope(principal, query.provinceCode);
    const span = daysBetween(query.from, query.to);
    if (span < 0 || span > maxRangeDays) {
      throw ruleBroken('invalid_range', `from must not be after to, and the range is at most ${maxRangeDays} days.`, [{ field: 'to', problem: 'range' }]);
    }
    const filter: FieldFilter = { day: { $gte: query.from, $lte: query.to } };
    if (provinceCode) filter.provinceCode = provinceCode;
    if (query.vaccineCode) filter.vaccineCode = query.vaccineCode;
    const cells = (await (await this.readModels.coverage()).find(filter)).filter((cell) => cell.doses > 0);
    cells.sort((a, b) => a.day.localeCompare(b.day) || (a.provinceCode ?? '').localeCompare(b.provinceCode ?? '') || (a.districtCode ?? '').localeCompare(b.districtCode ?? '') || a.vaccineCode.localeCompare(b.vaccineCode) || a.doseNumber - b.doseNumber);
    const totals = new Map<string, { vaccineCode: string; doseNumber: number; doses: number }>();
    for (const cell of cells) {
      const key = `${cell.vaccineCode}|${cell.doseNumber}`;
      const total = totals.get(key) ?? { vaccineCode: cell.vaccineCode, doseNumber: cell.doseNumber, doses: 0 };
      total.doses += cell.doses;
      totals.set(key, total);
    }
    return {
      provinceCode,
      from: query.from,
      to: query.to,
      rows: cells.map(({ provinceCode: p, districtCode, vaccineCode, doseNumber, day, doses }) => ({ day, provinceCode: p, districtCode, vaccineCode, doseNumber, doses })),
      totals: [...totals.values()].sort((a, b) => a.vaccineCode.localeCompare(b.vaccineCode) || a.doseNumber - b.doseNumber),
      people: await peopleCoverage(await this.readModels.peopleCoverage(), this.population, { provinceCode, from: query.from, to: query.to }),
    };
  }
}

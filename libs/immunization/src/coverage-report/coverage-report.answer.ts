import { z } from 'zod';

const count = z.number().int();
const percent = z.number().nullable();

const milestoneCounts = z.object({ atLeastOneDose: count, primarySeriesComplete: count, booster: count });

/** People reaching each milestone, against a target population where one is known (percent null otherwise). */
const coverageFigures = milestoneCounts.extend({
  targetPopulation: count.nullable(),
  atLeastOneDosePercent: percent,
  primarySeriesCompletePercent: percent,
  boosterPercent: percent,
});

/** GET /reports/coverage: doses by day and place, and people covered against the 2021 target population. */
export const coverageReportAnswer = z.object({
  /** The province the figures are for; null for the whole country. */
  provinceCode: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      day: z.string(),
      provinceCode: z.string().nullable(),
      districtCode: z.string().nullable(),
      vaccineCode: z.string(),
      doseNumber: z.number().int().min(1),
      doses: count,
    }),
  ),
  totals: z.array(z.object({ vaccineCode: z.string(), doseNumber: z.number().int().min(1), doses: count })),
  people: z.object({
    seriesGroup: z.string(),
    asOfWeek: z.string(),
    targetGroups: z.array(z.enum(['18+', '12-17'])),
    targetGroupReferenceDay: z.string(),
    populationSource: z.string(),
    total: coverageFigures,
    outsideTargetGroups: milestoneCounts,
    provinces: z.array(
      coverageFigures.extend({
        provinceCode: z.string(),
        name: z.string(),
        byTargetGroup: z.object({ '18+': coverageFigures, '12-17': coverageFigures }),
        districts: z.array(coverageFigures.extend({ districtCode: z.string().nullable() })),
      }),
    ),
    weekly: z.array(coverageFigures.extend({ weekStart: z.string() })),
  }),
});

export type CoverageReportAnswer = z.infer<typeof coverageReportAnswer>;

import { z } from 'zod';

const ageRange = z.object({
  /** Inclusive lower bound `<n>d|w|m|y`, e.g. `18y`. */
  from: z.string(),
  /** Exclusive upper bound, or null for none. */
  until: z.string().nullable(),
});

/** One product of the catalogue (reference-data/vaccines.json), as the schedule rules read it. */
export const vaccineProductAnswer = z.object({
  code: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  program: z.enum(['covid19', 'epi']),
  seriesGroup: z.string(),
  cvx: z.string().nullable(),
  route: z.enum(['IM', 'ID', 'SC', 'PO']),
  primarySeries: z.object({
    doses: z.number().int().min(1),
    intervals: z.array(
      z.object({ minDays: z.number().int().min(0), recommendedDays: z.object({ min: z.number().int(), max: z.number().int() }) }),
    ),
    components: z.array(z.string()).optional(),
  }),
  booster: z.object({ doses: z.number().int().min(0), minIntervalDays: z.number().int().min(0), ageRange }).nullable(),
  ageRange,
  notes: z.string().optional(),
});

/** GET /vaccines: the catalogue version and its products. */
export const listVaccinesAnswer = z.object({
  version: z.string(),
  publishedOn: z.string(),
  items: z.array(vaccineProductAnswer),
});

export type ListVaccinesAnswer = z.infer<typeof listVaccinesAnswer>;

/**
 * The forecast of a person's next dose in each series they have started, from their valid doses and the
 * catalogue's schedule rules. Pure: the history, the date of birth and the day to judge on arrive as arguments.
 * The same intervals as `checkSchedule` apply, so a dose given on `earliest` is never refused as too soon.
 */
import { addAge, daysBetween, localDateOf, parseAgeBound } from './calendar';
import { requiredInterval } from './schedule-rules';
import { findVaccine, maxDoses, type VaccineCatalogue, type VaccineProduct } from './vaccine-catalogue';

/**
 * The catalogue gives a booster only its minimum interval. A booster counts as overdue this many days after it
 * became due: the ministry's 2021 guidance asked for boosters "from 3 months" without an upper bound, so the
 * registry sets the window at another three months.
 */
export const boosterOverdueAfterDays = 90;

export interface ForecastDose {
  vaccineCode: string;
  seriesGroup: string;
  doseNumber: number;
  /** ISO timestamp or `YYYY-MM-DD`; only its calendar date counts. */
  administeredAt: string;
}

export type ForecastStatus = 'not_yet_due' | 'due' | 'overdue' | 'complete';

export interface SeriesForecast {
  /** The product family: doses of one group count as one series. */
  seriesGroup: string;
  status: ForecastStatus;
  primarySeriesComplete: boolean;
  /** Null when the series is complete. */
  nextDoseNumber: number | null;
  /** True when the next dose is a booster (beyond the primary series). */
  boosterDue: boolean;
  /** The product to give: the one of the last dose when it allows the next dose, else the first that does. */
  vaccineCode: string | null;
  /** Every product of the family the next dose may be given with. */
  allowedVaccineCodes: string[];
  earliest: string | null;
  recommended: string | null;
  /** The first day the dose counts as overdue. */
  overdueFrom: string | null;
  lastDoseDate: string;
}

export interface ForecastContext {
  catalogue: VaccineCatalogue;
  /** Null when registry has not shared it: age bounds are then not applied. */
  dateOfBirth: string | null;
  /** The day the status is judged on (`YYYY-MM-DD`). */
  on: string;
}

const addDays = (date: string, days: number) => addAge(date, { amount: days, unit: 'd' });
const later = (a: string, b: string) => (a >= b ? a : b);

/** One forecast per series group with at least one valid dose, in the order the groups were started. */
export function forecastDoses(validDoses: readonly ForecastDose[], context: ForecastContext): SeriesForecast[] {
  const groups = new Map<string, ForecastDose[]>();
  const ordered = [...validDoses].sort((a, b) => localDateOf(a.administeredAt).localeCompare(localDateOf(b.administeredAt)));
  for (const dose of ordered) {
    const series = groups.get(dose.seriesGroup) ?? [];
    series.push(dose);
    groups.set(dose.seriesGroup, series);
  }
  return [...groups.entries()].map(([group, doses]) => forecastSeries(group, doses, context));
}

export function forecastSeries(seriesGroup: string, doses: readonly ForecastDose[], context: ForecastContext): SeriesForecast {
  const last = doses.reduce((a, b) => (b.doseNumber > a.doseNumber ? b : a));
  const lastDate = localDateOf(last.administeredAt);
  const lastProduct = findVaccine(context.catalogue, last.vaccineCode);
  const primaryDoses = lastProduct?.primarySeries.doses ?? last.doseNumber;
  const primarySeriesComplete = last.doseNumber >= primaryDoses;
  const nextDoseNumber = last.doseNumber + 1;
  // What is scheduled follows the product of the last dose: its primary series, then its boosters. Other products
  // of the family may give that dose (mixed series), but a product without a booster schedules none.
  const scheduledDoses = lastProduct ? maxDoses(lastProduct) : last.doseNumber;

  const candidates = context.catalogue.products
    .filter((product) => product.seriesGroup === seriesGroup && nextDoseNumber <= maxDoses(product))
    .map((product) => ({ product, window: doseWindow(nextDoseNumber, product, lastProduct, lastDate, context.dateOfBirth) }))
    .filter((candidate): candidate is { product: VaccineProduct; window: DoseWindow } => candidate.window !== null);
  const chosen = candidates.find((c) => c.product.code === last.vaccineCode) ?? candidates[0];

  if (!chosen || nextDoseNumber > scheduledDoses) {
    return {
      seriesGroup,
      status: 'complete',
      primarySeriesComplete,
      nextDoseNumber: null,
      boosterDue: false,
      vaccineCode: null,
      allowedVaccineCodes: [],
      earliest: null,
      recommended: null,
      overdueFrom: null,
      lastDoseDate: lastDate,
    };
  }
  const { earliest, recommended, overdueFrom } = chosen.window;
  const status: ForecastStatus = context.on >= overdueFrom ? 'overdue' : context.on >= earliest ? 'due' : 'not_yet_due';
  return {
    seriesGroup,
    status,
    primarySeriesComplete,
    nextDoseNumber,
    boosterDue: nextDoseNumber > chosen.product.primarySeries.doses,
    vaccineCode: chosen.product.code,
    allowedVaccineCodes: candidates.map((c) => c.product.code),
    earliest,
    recommended,
    overdueFrom,
    lastDoseDate: lastDate,
  };
}

interface DoseWindow {
  earliest: string;
  recommended: string;
  overdueFrom: string;
}

/** When dose `doseNumber` of `product` may, should and at the latest ought to be given; null when it never may. */
function doseWindow(doseNumber: number, product: VaccineProduct, lastProduct: VaccineProduct | undefined, lastDate: string, dateOfBirth: string | null): DoseWindow | null {
  const booster = doseNumber > product.primarySeries.doses;
  const minDays = requiredInterval(doseNumber, product, lastProduct);
  let recommendedDays: number;
  let overdueDays: number;
  if (booster) {
    recommendedDays = minDays;
    overdueDays = minDays + boosterOverdueAfterDays;
  } else {
    const interval = product.primarySeries.intervals[doseNumber - 2];
    recommendedDays = Math.max(minDays, interval.recommendedDays.min);
    overdueDays = Math.max(recommendedDays, interval.recommendedDays.max) + 1;
  }
  let earliest = addDays(lastDate, minDays);
  let recommended = addDays(lastDate, recommendedDays);
  let overdueFrom = addDays(lastDate, overdueDays);
  if (dateOfBirth) {
    const range = booster && product.booster ? product.booster.ageRange : product.ageRange;
    const oldEnough = addAge(dateOfBirth, parseAgeBound(range.from));
    // A person too young for the dose becomes due on the day they reach the age, with the same window after it.
    if (oldEnough > earliest) {
      const shift = daysBetween(earliest, oldEnough);
      earliest = oldEnough;
      recommended = later(recommended, oldEnough);
      overdueFrom = addDays(overdueFrom, shift);
    }
    if (range.until) {
      const tooOld = addAge(dateOfBirth, parseAgeBound(range.until));
      if (earliest >= tooOld) return null;
      if (overdueFrom > tooOld) overdueFrom = tooOld;
      if (recommended >= tooOld) recommended = earliest;
    }
  }
  return { earliest, recommended, overdueFrom };
}

/**
 * The longest a next dose can stay `due` before it is `overdue`, over every product of the catalogue: a due
 * list for a day needs to look no further than this many days past it.
 */
export function longestDueWindowDays(catalogue: VaccineCatalogue): number {
  let longest = boosterOverdueAfterDays;
  for (const product of catalogue.products) {
    for (const interval of product.primarySeries.intervals) {
      longest = Math.max(longest, Math.max(interval.minDays, interval.recommendedDays.max) + 1 - interval.minDays);
    }
  }
  return longest;
}

/**
 * The schedule rules a dose must satisfy before it is recorded (or corrected). Pure: history, the subject's
 * date of birth and the current time arrive as arguments. Each refusal is a 422 whose code names the rule.
 */
import { ruleBroken } from '@vaxledger/kernel';
import { addAge, daysBetween, localDateOf, parseAgeBound } from './calendar';
import { findVaccine, maxDoses, type AgeRange, type VaccineCatalogue, type VaccineProduct } from './vaccine-catalogue';

/** A valid (not voided) dose already on the record. */
export interface ScheduledDose {
  doseId: string;
  vaccineCode: string;
  seriesGroup: string;
  doseNumber: number;
  administeredAt: string;
}

export interface ProposedDose {
  vaccineCode: string;
  administeredAt: string;
  /** When absent it is derived from the history. */
  doseNumber?: number;
}

export interface ScheduleContext {
  catalogue: VaccineCatalogue;
  /** Valid doses of the record, without the dose being corrected. */
  history: readonly ScheduledDose[];
  /** Null when registry has not shared it yet: the rules that need it are skipped. */
  dateOfBirth: string | null;
  now: Date;
}

/** Clocks of tablets at vaccination sites drift; a few minutes ahead is not "in the future". */
export const futureToleranceMs = 5 * 60_000;

export interface ScheduleDecision {
  vaccine: VaccineProduct;
  doseNumber: number;
  /** True when the dose is beyond the primary series. */
  booster: boolean;
}

export function checkSchedule(proposed: ProposedDose, context: ScheduleContext): ScheduleDecision {
  const vaccine = findVaccine(context.catalogue, proposed.vaccineCode);
  if (!vaccine) {
    throw ruleBroken('unknown_vaccine', `Vaccine ${proposed.vaccineCode} is not in the catalogue (version ${context.catalogue.version}).`);
  }
  const date = localDateOf(proposed.administeredAt);

  if (Date.parse(proposed.administeredAt) > context.now.getTime() + futureToleranceMs) {
    throw ruleBroken('dose_in_future', 'A dose cannot be recorded before it was given: administeredAt is in the future.');
  }
  if (context.dateOfBirth && date < context.dateOfBirth) {
    throw ruleBroken('dose_before_birth', 'The dose date is before the subject was born.');
  }

  const series = context.history
    .filter((dose) => dose.seriesGroup === vaccine.seriesGroup)
    .map((dose) => ({ ...dose, date: localDateOf(dose.administeredAt) }));

  const sameDay = series.find((dose) => dose.vaccineCode === vaccine.code && dose.date === date);
  if (sameDay) {
    throw ruleBroken('dose_already_recorded', `A ${vaccine.name} dose on ${date} is already on the record.`, {
      doseId: sameDay.doseId,
      doseNumber: sameDay.doseNumber,
    });
  }

  const highest = series.reduce((max, dose) => Math.max(max, dose.doseNumber), 0);
  const limit = maxDoses(vaccine);
  let doseNumber: number;
  if (proposed.doseNumber !== undefined) {
    doseNumber = proposed.doseNumber;
    if (doseNumber > limit) throw seriesComplete(vaccine, limit);
    const holder = series.find((dose) => dose.doseNumber === doseNumber);
    if (holder) {
      throw ruleBroken('dose_already_recorded', `Dose ${doseNumber} of this series is already on the record.`, {
        doseId: holder.doseId,
        doseNumber,
      });
    }
    // A number may fill a gap left by a voided dose, never skip ahead of the history.
    if (doseNumber > highest + 1) {
      throw ruleBroken('dose_number_mismatch', `The record holds ${highest} dose(s) of this series; the next is dose ${highest + 1}, not ${doseNumber}.`, {
        expectedDoseNumber: highest + 1,
      });
    }
  } else {
    doseNumber = highest + 1;
    if (doseNumber > limit) throw seriesComplete(vaccine, limit);
  }

  const booster = doseNumber > vaccine.primarySeries.doses;
  if (context.dateOfBirth) {
    const range = booster && vaccine.booster ? vaccine.booster.ageRange : vaccine.ageRange;
    if (!withinAgeRange(context.dateOfBirth, date, range)) {
      throw ruleBroken('age_out_of_range', `${vaccine.name} ${booster ? 'booster' : 'dose'} is allowed from age ${range.from}${range.until ? ` until ${range.until}` : ''}.`, {
        allowedFrom: range.from,
        allowedUntil: range.until,
      });
    }
  }

  const previous = series.filter((d) => d.doseNumber < doseNumber).sort((a, b) => b.doseNumber - a.doseNumber)[0];
  if (previous) {
    const minDays = requiredInterval(doseNumber, vaccine, findVaccine(context.catalogue, previous.vaccineCode));
    const days = daysBetween(previous.date, date);
    if (days < minDays) throw intervalTooShort(doseNumber, previous.doseNumber, previous.date, days, minDays);
  }
  const following = series.filter((d) => d.doseNumber > doseNumber).sort((a, b) => a.doseNumber - b.doseNumber)[0];
  if (following) {
    const followingVaccine = findVaccine(context.catalogue, following.vaccineCode) ?? vaccine;
    const minDays = requiredInterval(following.doseNumber, followingVaccine, vaccine);
    const days = daysBetween(date, following.date);
    if (days < minDays) throw intervalTooShort(following.doseNumber, doseNumber, date, days, minDays);
  }

  return { vaccine, doseNumber, booster };
}

/**
 * Minimum days before dose `doseNumber` of `product` when the previous dose was `previousProduct`. In a mixed
 * series the stricter of the two products' rules applies (AstraZeneca then Pfizer still waits AstraZeneca's 28 days).
 */
export function requiredInterval(doseNumber: number, product: VaccineProduct, previousProduct?: VaccineProduct): number {
  const own = intervalBefore(doseNumber, product);
  const theirs = previousProduct ? intervalBefore(doseNumber, previousProduct) : 0;
  return Math.max(own, theirs);
}

function intervalBefore(doseNumber: number, product: VaccineProduct): number {
  if (doseNumber < 2) return 0;
  if (doseNumber <= product.primarySeries.doses) return product.primarySeries.intervals[doseNumber - 2].minDays;
  return product.booster?.minIntervalDays ?? 0;
}

export function withinAgeRange(dateOfBirth: string, onDate: string, range: AgeRange): boolean {
  if (onDate < addAge(dateOfBirth, parseAgeBound(range.from))) return false;
  if (range.until && onDate >= addAge(dateOfBirth, parseAgeBound(range.until))) return false;
  return true;
}

function seriesComplete(vaccine: VaccineProduct, limit: number) {
  return ruleBroken('series_complete', `The ${vaccine.seriesGroup} series allows at most ${limit} dose(s) of ${vaccine.name} (primary series and boosters); it is complete.`, {
    maxDoses: limit,
  });
}

function intervalTooShort(doseNumber: number, previousDoseNumber: number, previousDate: string, days: number, minDays: number) {
  return ruleBroken(
    'dose_interval_too_short',
    `Dose ${doseNumber} must come at least ${minDays} days after dose ${previousDoseNumber}; ${days} day(s) is too soon.`,
    { doseNumber, previousDoseNumber, previousDate, days, minDays },
  );
}

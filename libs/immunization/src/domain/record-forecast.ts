/** The forecast of one subject's immunization record: its valid doses and the date of birth registry shared. */
import { forecastDoses, type SeriesForecast } from './dose-forecast';
import type { ImmunizationRecordState } from './dose-record.decider';
import type { VaccineCatalogue } from './vaccine-catalogue';

export function forecastOfRecord(state: ImmunizationRecordState, catalogue: VaccineCatalogue, on: string): SeriesForecast[] {
  const valid = state.doses.filter((dose) => dose.status === 'completed');
  return forecastDoses(valid, { catalogue, dateOfBirth: state.facts?.dateOfBirth ?? null, on });
}

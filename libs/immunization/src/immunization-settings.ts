/** The immunization service's tunable settings, validated once at start-up; a bad value stops the process naming the variable. */
import { crossFacilityReadSettingsSchema } from '@vaxledger/cross-facility-reads';
import { loadConfig } from '@vaxledger/runtime';

export const immunizationSettingsSchema = crossFacilityReadSettingsSchema;

export interface ImmunizationSettings {
  /** Reads of dose histories and FHIR bundles of other facilities' subjects one account may make per hour. */
  crossFacilityReadsPerHour: number;
}

export function immunizationSettingsFrom(settings: Record<string, string | undefined>): ImmunizationSettings {
  const parsed = loadConfig(immunizationSettingsSchema, settings);
  return { crossFacilityReadsPerHour: parsed.CROSS_FACILITY_READS_PER_HOUR };
}

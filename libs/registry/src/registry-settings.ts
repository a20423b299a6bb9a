/** The registry's tunable settings, validated once at start-up; a bad value stops the process naming the variable. */
import { crossFacilityReadSettingsSchema } from '@vaxledger/cross-facility-reads';
import { env, loadConfig } from '@vaxledger/runtime';

export const registrySettingsSchema = crossFacilityReadSettingsSchema.extend({
  /** Searches one account may run per minute (brief §7: default 60). */
  SEARCH_RATE_PER_MINUTE: env.positiveInt(60),
  /** Searches one account may run per calendar day in Vietnam (default 1,000). */
  SEARCH_RATE_PER_DAY: env.positiveInt(1000),
  /** How long a reservation left by an interrupted ID-document change is protected from being taken over. */
  REGISTRY_STALE_RESERVATION_GRACE_MS: env.positiveInt(60_000),
});

export interface RegistrySettings {
  searchRatePerMinute: number;
  searchRatePerDay: number;
  staleReservationGraceMs: number;
  /** Reads of records (full record, history) of other facilities' subjects one account may make per hour. */
  crossFacilityReadsPerHour: number;
}

export function registrySettingsFrom(settings: Record<string, string | undefined>): RegistrySettings {
  const parsed = loadConfig(registrySettingsSchema, settings);
  return {
    searchRatePerMinute: parsed.SEARCH_RATE_PER_MINUTE,
    searchRatePerDay: parsed.SEARCH_RATE_PER_DAY,
    staleReservationGraceMs: parsed.REGISTRY_STALE_RESERVATION_GRACE_MS,
    crossFacilityReadsPerHour: parsed.CROSS_FACILITY_READS_PER_HOUR,
  };
}

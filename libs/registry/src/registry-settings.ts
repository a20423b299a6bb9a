/** The registry's tunable settings, validated once at start-up; a bad value stops the process naming the variable. */
import { env, loadConfig } from '@vaxledger/runtime';
import { z } from 'zod';

export const registrySettingsSchema = z.object({
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
}

export function registrySettingsFrom(settings: Record<string, string | undefined>): RegistrySettings {
  const parsed = loadConfig(registrySettingsSchema, settings);
  return {
    searchRatePerMinute: parsed.SEARCH_RATE_PER_MINUTE,
    searchRatePerDay: parsed.SEARCH_RATE_PER_DAY,
    staleReservationGraceMs: parsed.REGISTRY_STALE_RESERVATION_GRACE_MS,
  };
}

/**
 * Error codes several routes of this service answer, listed once for their OpenAPI documents. Each list names
 * the codes thrown where the comment says; a route adds its own beside them.
 */

/** 422 from the schedule rules (domain/schedule-rules.ts), for a dose recorded or corrected. */
export const scheduleRuleCodes = [
  'unknown_vaccine',
  'dose_in_future',
  'dose_before_birth',
  'dose_already_recorded',
  'dose_number_mismatch',
  'series_complete',
  'age_out_of_range',
  'dose_interval_too_short',
] as const;

/** 409 when a record keeps changing under a write after the command handler's retries (kernel ConcurrencyError). */
export const concurrencyConflict = 'CONCURRENCY_CONFLICT';

/** 400 from the cross-facility read rule (X-Purpose), beside the invalid path id. */
export const readPurposeCodes = ['purpose_required', 'purpose_invalid'] as const;

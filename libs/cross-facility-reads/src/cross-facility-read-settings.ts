/** The one setting of the gate, merged into the settings schema of each service that reads records. */
import { z } from 'zod';

export const defaultCrossFacilityReadsPerHour = 300;

export const crossFacilityReadSettingsSchema = z.object({
  /** Reads of other facilities' records one account may make per hour in each service (default 300). */
  CROSS_FACILITY_READS_PER_HOUR: z.coerce.number().int().positive().default(defaultCrossFacilityReadsPerHour),
});

import { z } from 'zod';

/** POST /facilities: the new facility's id. */
export const registeredFacilityAnswer = z.object({ facilityId: z.string() });

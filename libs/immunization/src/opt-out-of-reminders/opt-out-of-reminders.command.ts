import { z } from 'zod';

/** The facility's opt-out: nothing to say beyond who, which the URL and the token tell. */
export const facilityOptOutSchema = z.object({}).strict();

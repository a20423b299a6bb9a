import { z } from 'zod';

/** 200: the subject and the facility that manages it now. */
export const transferAcceptedSchema = z.object({ subjectId: z.string(), managingFacilityId: z.string() });

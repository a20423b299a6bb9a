import { z } from 'zod';

/** POST /plans: the new plan's id. */
export const createPlanAnswer = z.object({ planId: z.string() });

export type CreatePlanAnswer = z.infer<typeof createPlanAnswer>;

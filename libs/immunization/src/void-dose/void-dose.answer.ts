import { z } from 'zod';

/** POST /subjects/{id}/doses/{doseId}/void. */
export const voidDoseAnswer = z.object({ doseId: z.string(), status: z.enum(['voided']) });

export type VoidDoseAnswer = z.infer<typeof voidDoseAnswer>;

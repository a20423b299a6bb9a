import { z } from 'zod';

/** POST /subjects/{id}/doses: the new dose's id and its number in the series (derived when not given). */
export const recordDoseAnswer = z.object({ doseId: z.string(), doseNumber: z.number().int().min(1) });

export type RecordDoseAnswer = z.infer<typeof recordDoseAnswer>;

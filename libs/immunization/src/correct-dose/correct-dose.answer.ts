import { z } from 'zod';

/** The dose fields a correction can change, as `changedFields` names them. */
export const correctableDoseFields = ['vaccineCode', 'lotNumber', 'administeredAt', 'site', 'route', 'doseNumber'] as const;

/** POST /subjects/{id}/doses/{doseId}/correct: the dose after the correction; no field changed when it was already so. */
export const correctDoseAnswer = z.object({
  doseId: z.string(),
  doseNumber: z.number().int().min(1),
  status: z.enum(['completed', 'voided']),
  changedFields: z.array(z.enum(correctableDoseFields)),
});

export type CorrectDoseAnswer = z.infer<typeof correctDoseAnswer>;

import { z } from 'zod';

export const voidDoseSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type VoidDoseInput = z.infer<typeof voidDoseSchema>;

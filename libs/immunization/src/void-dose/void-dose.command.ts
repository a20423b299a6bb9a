import { trimmedTextPattern } from '@vaxledger/kernel';
import { z } from 'zod';

export const voidDoseSchema = z.object({ reason: z.string().min(3).max(500).regex(trimmedTextPattern, 'must not start or end with a space') }).strict();
export type VoidDoseInput = z.infer<typeof voidDoseSchema>;

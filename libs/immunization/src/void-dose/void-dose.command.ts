import { trimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const voidDoseSchema = z.object({ reason: trimmedText(3, 500) }).strict();
export type VoidDoseInput = z.infer<typeof voidDoseSchema>;

import { typedText, untrimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const loginSchema = z.object({
  username: typedText(128),
  password: untrimmedText(1024),
});
export type LoginCommand = z.infer<typeof loginSchema>;

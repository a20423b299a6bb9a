import { z } from 'zod';
import { typedText, untrimmedText } from '../domain/typed-text';

export const loginSchema = z.object({
  username: typedText(128),
  password: untrimmedText(1024),
});
export type LoginCommand = z.infer<typeof loginSchema>;

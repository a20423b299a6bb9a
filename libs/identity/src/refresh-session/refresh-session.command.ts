import { z } from 'zod';
import { typedText } from '../domain/typed-text';

export const refreshSessionSchema = z.object({
  refreshToken: typedText(256).describe('The latest refresh token of the session; each works once'),
});
export type RefreshSessionCommand = z.infer<typeof refreshSessionSchema>;

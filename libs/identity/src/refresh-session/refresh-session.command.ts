import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const refreshSessionSchema = z.object({
  refreshToken: typedText(256).describe('The latest refresh token of the session; each works once'),
});
export type RefreshSessionCommand = z.infer<typeof refreshSessionSchema>;

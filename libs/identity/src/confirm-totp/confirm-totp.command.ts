import { z } from 'zod';

export const confirmTotpSchema = z.object({
  username: z.string().trim().min(1).max(128),
  code: z.string().trim().min(1).max(16).describe('The current code of the authenticator app enrolled with the otpauthUri of activation'),
});

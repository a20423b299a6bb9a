import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const confirmTotpSchema = z.object({
  username: typedText(128),
  code: typedText(16).describe('The current code of the authenticator app enrolled with the otpauthUri of activation'),
});

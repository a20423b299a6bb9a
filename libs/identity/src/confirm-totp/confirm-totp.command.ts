import { z } from 'zod';
import { typedText } from '../domain/typed-text';

export const confirmTotpSchema = z.object({
  username: typedText(128),
  code: typedText(16).describe('The current code of the authenticator app enrolled with the otpauthUri of activation'),
});

import { z } from 'zod';

export const redeemPasswordResetSchema = z.object({
  token: z.string().trim().min(1).max(256),
  password: z.string().min(1).max(1024),
});
export const redeemPasswordResetBodySchema = {
  type: 'object',
  required: ['token', 'password'],
  properties: {
    token: { type: 'string', description: 'The single-use token from the password reset message' },
    password: { type: 'string', format: 'password', minLength: 12 },
  },
};

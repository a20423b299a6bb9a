import { z } from 'zod';

export const activateAccountSchema = z.object({
  token: z.string().trim().min(1).max(256),
  password: z.string().min(1).max(1024),
  otpMethod: z.enum(['totp', 'sms', 'email']).default('totp'),
});
export const activateAccountBodySchema = {
  type: 'object',
  required: ['token', 'password'],
  properties: {
    token: { type: 'string' },
    password: { type: 'string', format: 'password', minLength: 12 },
    otpMethod: { type: 'string', enum: ['totp', 'sms', 'email'], default: 'totp' },
  },
};

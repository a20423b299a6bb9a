import { grantableRights, roles } from '@vaxledger/contracts';
import { z } from 'zod';

const instant = z.string().datetime();

/**
 * GET /accounts: the accounts in scope, oldest grant first, as the accounts read model holds them (so also when
 * each was activated). `lockedUntil` is set only while a lock is in force.
 */
export const accountListAnswer = z.object({
  items: z.array(
    z.object({
      accountId: z.string(),
      username: z.string(),
      role: z.enum(roles),
      rights: z.array(z.enum(grantableRights)),
      facilityId: z.string().nullable(),
      provinceCode: z.string().nullable(),
      status: z.enum(['pending_activation', 'enrolling', 'active', 'suspended', 'locked']),
      otpMethod: z.enum(['totp', 'sms', 'email']).nullable(),
      lockedUntil: instant.nullable(),
      fullName: z.string(),
      gender: z.enum(['male', 'female', 'other']),
      position: z.string(),
      unit: z.string().nullable(),
      email: z.string(),
      phone: z.string(),
      grantedAt: instant,
      activatedAt: instant.nullable(),
      lastReviewedAt: instant.nullable(),
    }),
  ),
});

export type AccountListAnswer = z.infer<typeof accountListAnswer>;

/** Accounts and account requests as the API shows them, and the zod schemas that describe those answers. */
import { grantableRights, roles } from '@vaxledger/contracts';
import { z } from 'zod';
import { accountStatus, type AccountState } from './domain/account.decider';
import { accountNotFound } from './domain/identity-errors';
import type { AccountRequestView } from './read-models/identity-views';

const instant = z.string().datetime();
const gender = z.enum(['male', 'female', 'other']);
const otpMethod = z.enum(['totp', 'sms', 'email']);

/** Where an account request stands: pending while any item is, otherwise what its items' decisions add up to. */
export const accountRequestStatus = z.enum(['pending', 'approved', 'partially_approved', 'rejected']);

/**
 * One account as GET /accounts/{id} and the suspend, reinstate, unlock and review answers show it: scope, status,
 * the holder's contact details, and when it was granted and last reviewed. `lockedUntil` is set only while a lock
 * is in force.
 */
export const accountAnswer = z.object({
  accountId: z.string(),
  username: z.string(),
  role: z.enum(roles),
  rights: z.array(z.enum(grantableRights)),
  facilityId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  status: z.enum(['pending_activation', 'enrolling', 'active', 'suspended', 'locked']),
  otpMethod: otpMethod.nullable(),
  lockedUntil: instant.nullable(),
  fullName: z.string(),
  gender,
  position: z.string(),
  unit: z.string().nullable(),
  email: z.string(),
  phone: z.string(),
  grantedAt: instant,
  lastReviewedAt: instant.nullable(),
});

export type AccountAnswer = z.infer<typeof accountAnswer>;

export const accountAnswerExample: AccountAnswer = {
  accountId: '0193a1f2-5c7e-7d41-8b2a-3e9f0c6d1a45',
  username: 'lan.nguyen',
  role: 'staff',
  rights: ['data_entry', 'subject_management'],
  facilityId: '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60',
  provinceCode: '01',
  status: 'active',
  otpMethod: 'totp',
  lockedUntil: null,
  fullName: 'Nguyễn Thị Lan',
  gender: 'female',
  position: 'Điều dưỡng',
  unit: 'Tổ tiêm chủng',
  email: 'lan.nguyen@tramyte-dienbien.example.vn',
  phone: '+84912345678',
  grantedAt: '2026-03-02T02:15:00.000Z',
  lastReviewedAt: '2026-09-01T03:40:00.000Z',
};

/** An existing account (one that was granted) as the API shows it. */
export function presentState(account: AccountState, now: Date): AccountAnswer {
  const { accountId, username, role, profile, grantedAt } = account;
  if (accountId === null || username === null || role === null || profile === null || grantedAt === null) throw accountNotFound();
  return {
    accountId,
    username,
    role,
    rights: account.rights,
    facilityId: account.facilityId,
    provinceCode: account.provinceCode,
    status: accountStatus(account, now),
    otpMethod: account.otpMethod,
    lockedUntil: account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime() ? account.lockedUntil : null,
    fullName: profile.fullName,
    gender: profile.gender,
    position: profile.position,
    unit: profile.unit,
    email: profile.email,
    phone: profile.phone,
    grantedAt,
    lastReviewedAt: account.lastReviewedAt,
  };
}

/**
 * One account request as GET /account-requests/{id} and the list show it: the facility's staff list, each item
 * with its decision; `accountId` only for approved items.
 */
export const accountRequestAnswer = z.object({
  requestId: z.string(),
  facilityId: z.string(),
  provinceCode: z.string(),
  status: accountRequestStatus,
  submittedAt: instant,
  submittedBy: z.string(),
  decidedAt: instant.nullable(),
  rejectionReason: z.string().nullable(),
  items: z.array(
    z.object({
      index: z.number().int().min(0),
      accountId: z.string().nullable(),
      fullName: z.string(),
      gender,
      unit: z.string(),
      position: z.string(),
      email: z.string(),
      phone: z.string(),
      username: z.string(),
      rights: z.array(z.enum(grantableRights)),
      status: z.enum(['pending', 'approved', 'rejected']),
    }),
  ),
});

export type AccountRequestAnswer = z.infer<typeof accountRequestAnswer>;

export const accountRequestAnswerExample: AccountRequestAnswer = {
  requestId: '0193a1f0-9d3c-7b12-a4e5-6f7081920a3b',
  facilityId: '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60',
  provinceCode: '01',
  status: 'partially_approved',
  submittedAt: '2026-03-01T08:05:00.000Z',
  submittedBy: '0193a1e9-4f6a-7c3d-8b2e-1a0f9e8d7c6b',
  decidedAt: '2026-03-02T02:15:00.000Z',
  rejectionReason: null,
  items: [
    {
      index: 0,
      accountId: '0193a1f2-5c7e-7d41-8b2a-3e9f0c6d1a45',
      fullName: 'Nguyễn Thị Lan',
      gender: 'female',
      unit: 'Tổ tiêm chủng',
      position: 'Điều dưỡng',
      email: 'lan.nguyen@tramyte-dienbien.example.vn',
      phone: '+84912345678',
      username: 'lan.nguyen',
      rights: ['data_entry', 'subject_management'],
      status: 'approved',
    },
    {
      index: 1,
      accountId: null,
      fullName: 'Trần Văn Minh',
      gender: 'male',
      unit: 'Tổ tiêm chủng',
      position: 'Y sĩ',
      email: 'minh.tran@tramyte-dienbien.example.vn',
      phone: '+84987654321',
      username: 'minh.tran',
      rights: ['data_entry'],
      status: 'pending',
    },
  ],
};

/** A request with the account ids of approved items only. */
export function presentRequest(view: AccountRequestView): AccountRequestAnswer {
  const { id, ...rest } = view;
  return { requestId: id, ...rest, items: view.items.map(({ accountId, ...item }) => ({ ...item, accountId: item.status === 'approved' ? accountId : null })) };
}

/** The answer of every route that grants an account awaiting activation (appointed administrators, auditors, reporters). */
export const grantedAccountAnswer = z.object({ accountId: z.string() });

export const grantedAccountAnswerExample: z.infer<typeof grantedAccountAnswer> = { accountId: '0193a1f4-8e2b-7f5a-b1c3-4d6e8f0a2b47' };

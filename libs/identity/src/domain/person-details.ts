/** Validation of the details a person is granted an account with: name, contact, username, rights. */
import { grantableRights } from '@vaxledger/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/** Lower-cased; letters, digits, dot, dash, underscore; 3–64 characters. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'username: 3–64 letters, digits, ".", "_" or "-", starting with a letter or digit');

export const genderSchema = z.enum(['male', 'female', 'other']);

/** Phone numbers are stored in E.164; national Vietnamese numbers (0912…) are accepted. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, 'VN');
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a valid phone number' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const emailSchema = z.string().trim().toLowerCase().email().max(254);

const text = (max: number) => z.string().trim().min(1).max(max);

export const rightsSchema = z
  .array(z.enum(grantableRights))
  .min(1)
  .transform((rights) => [...new Set(rights)]);

/** The fields of a province or facility administrator, an auditor or a reporter. */
export const personDetailsSchema = z.object({
  fullName: text(200),
  gender: genderSchema,
  position: text(200),
  email: emailSchema,
  phone: phoneSchema,
  username: usernameSchema,
});

/** One line of a facility's staff list (R4). */
export const staffMemberSchema = personDetailsSchema.extend({
  unit: text(200),
  rights: rightsSchema,
});

export type PersonDetails = z.infer<typeof personDetailsSchema>;
export type StaffMemberInput = z.infer<typeof staffMemberSchema>;

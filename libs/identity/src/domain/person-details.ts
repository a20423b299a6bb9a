import { typedText } from '@vaxledger/kernel';
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

/**
 * A Vietnamese mobile number, the kind a one-time code can be sent to: `0` or `+84`, then a mobile prefix
 * (3, 5, 7, 8 or 9) and eight more digits, single spaces allowed between digits. Every such number is valid to
 * libphonenumber; stored in E.164. The pattern is the whole rule, so the document states what is accepted.
 */
export const phonePattern = /^(?:0|\+84)[35789](?: ?[0-9]){8}$/;
export const phoneSchema = z
  .string()
  .regex(phonePattern, 'not a valid phone number: a Vietnamese mobile, 0 or +84 and nine digits')
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value.replace(/ /g, ''), 'VN');
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a valid phone number' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

/**
 * An e-mail address as zod's `email()` takes it (no leading, trailing or doubled dot in the local part, a
 * dotted domain ending in two or more letters), written without lookarounds so every reader of the document
 * applies the same rule. Stored in lower case.
 */
export const emailPattern = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const emailSchema = z.string().max(254).regex(emailPattern, 'Invalid email').toLowerCase();

const text = typedText;

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

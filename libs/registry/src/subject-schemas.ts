/**
 * Zod pieces shared by the registry's request and answer schemas: the value sets the domain accepts and the
 * shapes its answers repeat. Plain zod; the controllers name the schemas built from these.
 */
import { listProvinces } from '@vaxledger/contracts';
import { calendarDatePattern } from '@vaxledger/kernel';
import { z } from 'zod';
import { genders, idDocumentTypes, type ProfileField, profileFields } from './domain/subject-profile';

export const genderSchema = z.enum(genders);
export const idDocumentTypeSchema = z.enum(idDocumentTypes);
export const profileFieldSchema = z.enum(profileFields as [ProfileField, ...ProfileField[]]);

/**
 * The patterns below are read by JavaScript (zod) and by every client of the document, some of which read `\d`
 * as any Unicode digit and `\s` as a slightly different set of spaces: so digits are written [0-9] and spaces
 * are listed, and a pattern means the same to all of them.
 */
const spaces =
  '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const nonSpace = `[^${spaces}]`;

/**
 * Free text of `min` to `max` characters (code points, as the document counts them), with no space at either
 * end: stated, not trimmed quietly, so what is documented is what is stored.
 */
export function trimmedText(min: number, max: number) {
  const source =
    min <= 1
      ? `^${nonSpace}(?:[\\s\\S]{0,${max - 2}}${nonSpace})?$`
      : `^${nonSpace}[\\s\\S]{${min - 2},${max - 2}}${nonSpace}$`;
  return z
    .string()
    .regex(new RegExp(source, 'u'), `must have ${min} to ${max} characters and no space at either end`);
}

/** `YYYY-MM-DD`, a real calendar date; whether it is a plausible date of birth is checked by the domain. */
export const calendarDateSchema = z
  .string()
  .regex(
    new RegExp(calendarDatePattern.source.replace(/\\d/g, '[0-9]')),
    'must be a real date written YYYY-MM-DD',
  );

/** The GSO province codes of the administrative-units table. */
export const provinceCodeSchema = z.enum(listProvinces().map((p) => p.code) as [string, ...string[]], {
  errorMap: () => ({ message: 'is not a known province code' }),
});
export const districtCodeSchema = z.string().regex(/^[0-9]{3}$/, 'must be a 3-digit district code');
export const wardCodeSchema = z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit ward code');
export const priorityGroupSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be a short code (letters, digits, . _ -), at most 40');
// BHYT card numbers: two letters, then 13 digits (older cards), or the 10-digit social-insurance number.
export const healthInsuranceNumberSchema = z
  .string()
  .regex(
    /^(?:[A-Z]{2}[0-9]{13}|[0-9]{10})$/,
    'must be a health insurance card number (2 letters + 13 digits, or 10 digits)',
  );
export const instantSchema = z.string().datetime({ offset: true });

/** What a subject's doses add up to (dose-summaries.consumer). */
export const doseSummarySchema = z.object({
  dosesRecorded: z.number().int().min(0),
  lastVaccineCode: z.string().nullable(),
  lastAdministeredAt: z.string().nullable(),
  highestDoseNumber: z.number().int().nullable(),
});

/** The coarse address shown in lists and masked answers. */
export const coarseAddressSchema = z.object({ provinceCode: z.string(), districtCode: z.string().nullable() });

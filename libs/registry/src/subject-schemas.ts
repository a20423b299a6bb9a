/**
 * Zod pieces shared by the registry's request and answer schemas: the value sets the domain accepts and the
 * shapes its answers repeat. Plain zod; the controllers name the schemas built from these.
 */
import { listProvinces } from '@vaxledger/contracts';
import { z } from 'zod';
import { genders, idDocumentTypes, type ProfileField, profileFields } from './domain/subject-profile';

export const genderSchema = z.enum(genders);
export const idDocumentTypeSchema = z.enum(idDocumentTypes);
export const profileFieldSchema = z.enum(profileFields as [ProfileField, ...ProfileField[]]);

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

/**
 * Zod pieces shared by the registry's request and answer schemas: the value sets the domain accepts and the
 * shapes its answers repeat. Plain zod; the controllers name the schemas built from these.
 */
import { calendarDatePattern } from '@vaxledger/kernel';
import { z } from 'zod';
import { genders, idDocumentTypes, type ProfileField, profileFields } from './domain/subject-profile';

export const genderSchema = z.enum(genders);
export const idDocumentTypeSchema = z.enum(idDocumentTypes);
export const profileFieldSchema = z.enum(profileFields as [ProfileField, ...ProfileField[]]);

/** `YYYY-MM-DD`; whether it is a real, past date is checked by the domain. */
export const calendarDateSchema = z.string().regex(calendarDatePattern);
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

import { z } from 'zod';
import { coarseAddressSchema, doseSummarySchema, genderSchema, idDocumentTypeSchema } from '../subject-schemas';

/**
 * R7: exactly full name + phone, or full name + ID document number. Strict objects, so a third field, a single
 * field or an empty body is refused rather than silently ignored.
 */
export const searchSubjectsSchema = z.union([
  z.object({ fullName: z.string().min(1), phone: z.string().min(1) }).strict(),
  z.object({ fullName: z.string().min(1), idNumber: z.string().min(1).describe('The ID document number, any type') }).strict(),
]);

export type SearchSubjectsQuery = z.infer<typeof searchSubjectsSchema>;

/** A search hit, masked: enough to recognise the person, not to copy an identifier. */
export const maskedSubjectSchema = z.object({
  subjectId: z.string(),
  fullName: z.string(),
  birthYear: z.number().int(),
  gender: genderSchema,
  phone: z.string().describe('Masked national form: *******678'),
  idDocument: z.object({ type: idDocumentTypeSchema, number: z.string().describe('Masked: *********345') }),
  address: coarseAddressSchema,
  managingFacilityId: z.string(),
  doseSummary: doseSummarySchema,
});

export type MaskedSubject = z.infer<typeof maskedSubjectSchema>;

/** 200: at most 20 hits, each subject once (a merged-away hit stands for its surviving record). */
export const searchResultSchema = z.object({ items: z.array(maskedSubjectSchema).max(20) });

export const searchSubjectsExample = { fullName: 'Nguyễn Văn An', phone: '0912345678' };

export const searchResultExample: z.infer<typeof searchResultSchema> = {
  items: [
    {
      subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
      fullName: 'Nguyễn Văn An',
      birthYear: 1990,
      gender: 'male',
      phone: '*******678',
      idDocument: { type: 'CCCD', number: '*********345' },
      address: { provinceCode: '01', districtCode: '005' },
      managingFacilityId: 'fac-hn-cau-giay',
      doseSummary: { dosesRecorded: 1, lastVaccineCode: 'BCG', lastAdministeredAt: '2026-06-01', highestDoseNumber: 1 },
    },
  ],
};

import { z } from 'zod';
import { calendarDateSchema, genderSchema, idDocumentTypeSchema } from '../subject-schemas';

/**
 * The shape of the request and the closed value sets (gender, ID document type, date format). What needs the
 * domain's tables or rules (name characters, ID number per type, phone, province and district codes, dates in
 * the past) is checked by `normaliseSubjectProfile`, which names every bad field in `details`.
 */
export const registerSubjectSchema = z.object({
  fullName: z.string().min(2).describe('2 to 100 letters, spaces, apostrophes, dots and hyphens'),
  dateOfBirth: calendarDateSchema.describe('A real date, not in the future, not before 1900-01-01'),
  gender: genderSchema,
  idDocument: z.object({
    type: idDocumentTypeSchema,
    number: z.string().min(1).describe('CCCD: 12 digits; CMND: 9 or 12 digits; PASSPORT: 6 to 20 letters or digits'),
  }),
  phone: z.string().min(1).describe('A Vietnamese mobile (0912345678) or an E.164 number; answered as E.164'),
  address: z.object({
    provinceCode: z.string().min(1).describe('A province code of the administrative-units table'),
    districtCode: z.string().nullish().describe('A district of that province'),
    wardCode: z.string().nullish().describe('5 digits; needs a district'),
    line: z.string().min(1).describe('At most 200 characters'),
  }),
  priorityGroup: z.string().nullish().describe('A short code: letters, digits, . _ - (at most 40)'),
  healthInsuranceNumber: z.string().nullish().describe('BHYT card: 2 letters and 13 digits, or the 10-digit social insurance number'),
});

export type RegisterSubjectBody = z.infer<typeof registerSubjectSchema>;

/** 201: the new subject's id. */
export const registeredSubjectSchema = z.object({ subjectId: z.string() });

export const registerSubjectExample = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-17',
  gender: 'male',
  idDocument: { type: 'CCCD', number: '001090012345' },
  phone: '0912345678',
  address: { provinceCode: '01', districtCode: '005', wardCode: '00163', line: 'Số 12 ngõ 34 Trần Duy Hưng' },
  priorityGroup: null,
  healthInsuranceNumber: 'DN4010123456789',
};

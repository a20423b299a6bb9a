import { calendarDate, trimmedText } from '@vaxledger/kernel';
import { z } from 'zod';
import {
  districtCodeSchema,
  genderSchema,
  healthInsuranceNumberSchema,
  idDocumentTypeSchema,
  priorityGroupSchema,
  provinceCodeSchema,
  wardCodeSchema,
} from '../subject-schemas';

/**
 * The shape of the request, stated exactly (refused with 400 validation_failed): value sets, codes, patterns,
 * lengths, no space at either end. What needs judgement or today's date is checked by `normaliseSubjectProfile`
 * and answered 422 subject_data_invalid, naming every bad field in `details`: a name's characters, a date of
 * birth in the future or before 1900-01-01, the ID number's form for its type (spaces and dashes are dropped,
 * a passport is upper-cased), a phone number libphonenumber does not accept, a district outside the province, a
 * ward without a district. Strict objects: a field the document does not name is refused, not ignored.
 */
export const registerSubjectSchema = z
  .object({
    fullName: trimmedText(2, 100).describe(
      '2 to 100 letters, spaces, apostrophes, dots and hyphens (others: 422 subject_data_invalid); inner runs of spaces become one',
    ),
    dateOfBirth: calendarDate.describe(
      'Not in the future, not before 1900-01-01 (otherwise 422 subject_data_invalid)',
    ),
    gender: genderSchema,
    idDocument: z
      .object({
        type: idDocumentTypeSchema,
        number: trimmedText(1, 40).describe(
          'CCCD: 12 digits; CMND: 9 or 12 digits; PASSPORT: 6 to 20 letters or digits. Spaces and dashes are dropped and a passport is upper-cased; another form is 422 subject_data_invalid',
        ),
      })
      .strict(),
    phone: trimmedText(1, 32).describe(
      'A Vietnamese mobile (0912345678) or an E.164 number; answered as E.164; a number that is not valid is 422 subject_data_invalid',
    ),
    address: z
      .object({
        provinceCode: provinceCodeSchema.describe('A province code of the administrative-units table'),
        districtCode: districtCodeSchema
          .nullish()
          .describe('A district of that province (otherwise 422 subject_data_invalid)'),
        wardCode: wardCodeSchema
          .nullish()
          .describe('5 digits; needs a district (otherwise 422 subject_data_invalid)'),
        line: trimmedText(1, 200).describe('At most 200 characters; inner runs of spaces become one'),
      })
      .strict(),
    priorityGroup: priorityGroupSchema
      .nullish()
      .describe('A short code: letters, digits, . _ - (at most 40)'),
    healthInsuranceNumber: healthInsuranceNumberSchema
      .nullish()
      .describe('BHYT card: 2 letters and 13 digits, or the 10-digit social insurance number'),
  })
  .strict();

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

import { z } from 'zod';
import { coarseAddressSchema, genderSchema, instantSchema } from '../subject-schemas';

export const listFacilitySubjectsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1 to 200'),
  /** The last subject id of the previous page. */
  after: z.string().max(100).optional().describe('Cursor: `next` of the previous page'),
});

/** One page of a facility's subjects: names and birth years, no identifiers. */
export const facilitySubjectsPageSchema = z.object({
  items: z.array(
    z.object({
      subjectId: z.string(),
      fullName: z.string(),
      birthYear: z.number().int(),
      gender: genderSchema,
      address: coarseAddressSchema,
      registeredAt: instantSchema,
    }),
  ),
  next: z.string().nullable().describe('Pass as `after` for the next page; null on the last page'),
});

export const facilitySubjectsPageExample: z.infer<typeof facilitySubjectsPageSchema> = {
  items: [
    {
      subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
      fullName: 'Lê Minh Hùng',
      birthYear: 1978,
      gender: 'male',
      address: { provinceCode: '01', districtCode: '005' },
      registeredAt: '2026-03-02T02:15:00.000Z',
    },
  ],
  next: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
};

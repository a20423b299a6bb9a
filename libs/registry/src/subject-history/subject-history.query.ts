import { z } from 'zod';
import { coarseAddressSchema, genderSchema, idDocumentTypeSchema, instantSchema, profileFieldSchema } from '../subject-schemas';

/** New values as history shows them: enough to tell which phone or document, not to copy it. */
const maskedValuesSchema = z.object({
  fullName: z.string().describe('Initials: N. V. A.').optional(),
  dateOfBirth: z.string().describe('Year only: 1990-**-**').optional(),
  gender: genderSchema.optional(),
  idDocument: z.object({ type: idDocumentTypeSchema, number: z.string() }).optional(),
  phone: z.string().optional(),
  address: coarseAddressSchema.optional(),
  priorityGroup: z.string().nullable().optional(),
  healthInsuranceNumber: z.string().nullable().optional(),
});

/** One line of a subject's field-level history: what changed, who, when, with or without step-up. */
export const subjectHistoryEntrySchema = z.object({
  at: instantSchema,
  change: z.enum([
    'registered',
    'profile_changed',
    'transfer_requested',
    'management_transferred',
    'merged_into',
    'duplicate_absorbed',
    'unmerged',
    'duplicate_released',
  ]),
  fields: z.array(profileFieldSchema),
  maskedValues: maskedValuesSchema,
  actor: z.object({ accountId: z.string(), facilityId: z.string().nullable(), provinceCode: z.string().nullable() }),
  stepUpUsed: z.boolean(),
  relatedSubjectId: z.string().optional().describe('On merges: the other record'),
  facilityIds: z.object({ from: z.string(), to: z.string() }).optional().describe('On transfers'),
  decidedBy: z
    .enum(['facility', 'province', 'national'])
    .optional()
    .describe('On management_transferred: on which footing the accepting account (actor) decided'),
});

export type SubjectHistoryEntry = z.infer<typeof subjectHistoryEntrySchema>;

export const subjectHistorySchema = z.object({ subjectId: z.string(), items: z.array(subjectHistoryEntrySchema) });

export const subjectHistoryExample: z.infer<typeof subjectHistorySchema> = {
  subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
  items: [
    {
      at: '2026-03-02T02:15:00.000Z',
      change: 'registered',
      fields: ['fullName', 'dateOfBirth', 'gender', 'idDocument', 'phone', 'address'],
      maskedValues: {
        fullName: 'N. V. A.',
        dateOfBirth: '1990-**-**',
        gender: 'male',
        idDocument: { type: 'CCCD', number: '*********345' },
        phone: '*******678',
        address: { provinceCode: '01', districtCode: '005' },
      },
      actor: { accountId: 'acc-nguyen-thi-lan', facilityId: 'fac-hn-cau-giay', provinceCode: '01' },
      stepUpUsed: false,
    },
    {
      at: '2026-09-14T08:40:12.000Z',
      change: 'management_transferred',
      fields: [],
      maskedValues: {},
      actor: { accountId: 'acc-pham-quang-son', facilityId: null, provinceCode: '01' },
      stepUpUsed: false,
      facilityIds: { from: 'fac-hn-cau-giay', to: 'fac-hcm-quan-1' },
      decidedBy: 'province',
    },
  ],
};

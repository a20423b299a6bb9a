import { calendarDate } from '@vaxledger/kernel';
import { z } from 'zod';
import {
  doseSummarySchema,
  genderSchema,
  idDocumentTypeSchema,
  instantSchema,
} from '../subject-schemas';

/** The full record (GET /subjects/{id}); every read of it is recorded (R8). */
export const subjectRecordSchema = z.object({
  subjectId: z.string(),
  /** NFC. */
  fullName: z.string(),
  dateOfBirth: calendarDate,
  gender: genderSchema,
  idDocument: z.object({ type: idDocumentTypeSchema, number: z.string() }),
  phone: z.string().describe('E.164'),
  address: z.object({
    provinceCode: z.string(),
    districtCode: z.string().nullable(),
    wardCode: z.string().nullable(),
    line: z.string(),
  }),
  priorityGroup: z.string().nullable(),
  healthInsuranceNumber: z.string().nullable(),
  managingFacilityId: z.string(),
  managingProvinceCode: z.string().nullable(),
  creatingFacilityId: z.string(),
  registeredAt: instantSchema,
  updatedAt: instantSchema,
  mergedInto: z.string().nullable().describe('Set when the requested id was merged away: the record shown is the surviving one'),
  requestedSubjectId: z.string(),
  mergedSubjectIds: z.array(z.string()).describe('Duplicates merged into this record; their histories are kept'),
  pendingTransfer: z
    .object({ requestId: z.string(), fromFacilityId: z.string(), toFacilityId: z.string(), requestedByFacilityId: z.string() })
    .nullable(),
  doseSummary: doseSummarySchema,
});

export type SubjectRecord = z.infer<typeof subjectRecordSchema>;

export const subjectRecordExample: SubjectRecord = {
  subjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
  fullName: 'Trần Thị Bình',
  dateOfBirth: '1985-11-03',
  gender: 'female',
  idDocument: { type: 'CCCD', number: '001185004321' },
  phone: '+84912345678',
  address: { provinceCode: '01', districtCode: '005', wardCode: '00163', line: 'Số 12 ngõ 34 Trần Duy Hưng' },
  priorityGroup: null,
  healthInsuranceNumber: 'DN4010123456789',
  managingFacilityId: 'fac-hn-cau-giay',
  managingProvinceCode: '01',
  creatingFacilityId: 'fac-hn-cau-giay',
  registeredAt: '2026-03-02T02:15:00.000Z',
  updatedAt: '2026-09-14T08:40:12.000Z',
  mergedInto: null,
  requestedSubjectId: '01936f3e-7c1a-7b2e-9a4d-5f6e7d8c9b0a',
  mergedSubjectIds: [],
  pendingTransfer: null,
  doseSummary: { dosesRecorded: 2, lastVaccineCode: 'COVID-19-PFIZER', lastAdministeredAt: '2026-09-14', highestDoseNumber: 2 },
};

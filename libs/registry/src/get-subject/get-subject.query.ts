import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { DoseSummary } from '../read-models/dose-summaries.consumer';
import type { SubjectAddress, Gender, IdDocument } from '../domain/subject-profile';

/** The full record (GET /subjects/{id}); every read of it is recorded (R8). */
export interface SubjectRecord {
  subjectId: string;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  idDocument: IdDocument;
  phone: string;
  address: SubjectAddress;
  priorityGroup: string | null;
  healthInsuranceNumber: string | null;
  managingFacilityId: string;
  managingProvinceCode: string | null;
  creatingFacilityId: string;
  registeredAt: string;
  updatedAt: string;
  /** Set when the requested id was merged away: the record shown is the surviving one. */
  mergedInto: string | null;
  requestedSubjectId: string;
  /** Duplicates merged into this record; their histories are kept. */
  mergedSubjectIds: string[];
  pendingTransfer: { requestId: string; fromFacilityId: string; toFacilityId: string; requestedByFacilityId: string } | null;
  doseSummary: DoseSummary;
}

export const subjectRecordOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    subjectId: { type: 'string' },
    fullName: { type: 'string' },
    dateOfBirth: { type: 'string', format: 'date' },
    gender: { type: 'string', enum: ['male', 'female', 'other'] },
    idDocument: { type: 'object', properties: { type: { type: 'string' }, number: { type: 'string' } } },
    phone: { type: 'string', description: 'E.164' },
    address: { type: 'object' },
    priorityGroup: { type: 'string', nullable: true },
    healthInsuranceNumber: { type: 'string', nullable: true },
    managingFacilityId: { type: 'string' },
    managingProvinceCode: { type: 'string', nullable: true },
    creatingFacilityId: { type: 'string' },
    registeredAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    mergedInto: { type: 'string', nullable: true, description: 'Set when the requested id was merged into this record' },
    requestedSubjectId: { type: 'string' },
    mergedSubjectIds: { type: 'array', items: { type: 'string' } },
    pendingTransfer: { type: 'object', nullable: true },
    doseSummary: { type: 'object' },
  },
};

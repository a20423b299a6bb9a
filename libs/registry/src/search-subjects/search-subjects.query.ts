import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import type { DoseSummary } from '../read-models/dose-summaries.consumer';

/**
 * R7: exactly full name + phone, or full name + ID document number. Strict objects, so a third field, a single
 * field or an empty body is refused rather than silently ignored.
 */
export const searchSubjectsSchema = z.union([
  z.object({ fullName: z.string().min(1), phone: z.string().min(1) }).strict(),
  z.object({ fullName: z.string().min(1), idNumber: z.string().min(1) }).strict(),
]);

export type SearchSubjectsQuery = z.infer<typeof searchSubjectsSchema>;

export interface MaskedSubject {
  subjectId: string;
  fullName: string;
  birthYear: number;
  gender: string;
  phone: string;
  idDocument: { type: string; number: string };
  address: { provinceCode: string; districtCode: string | null };
  managingFacilityId: string;
  doseSummary: DoseSummary;
}

export const searchSubjectsOpenApi: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      required: ['fullName', 'phone'],
      additionalProperties: false,
      properties: { fullName: { type: 'string', example: 'Nguyễn Văn An' }, phone: { type: 'string', example: '0912345678' } },
    },
    {
      type: 'object',
      required: ['fullName', 'idNumber'],
      additionalProperties: false,
      properties: { fullName: { type: 'string' }, idNumber: { type: 'string', example: '001090012345' } },
    },
  ],
};

export const searchResultOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          subjectId: { type: 'string' },
          fullName: { type: 'string' },
          birthYear: { type: 'integer' },
          gender: { type: 'string' },
          phone: { type: 'string', example: '*******678' },
          idDocument: { type: 'object', properties: { type: { type: 'string' }, number: { type: 'string', example: '*********012' } } },
          address: { type: 'object' },
          managingFacilityId: { type: 'string' },
          doseSummary: { type: 'object' },
        },
      },
    },
  },
};

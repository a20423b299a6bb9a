import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** The shape of the request; the meaning of each value (formats, codes, dates) is checked by the domain. */
export const registerSubjectSchema = z.object({
  fullName: z.string(),
  dateOfBirth: z.string(),
  gender: z.string(),
  idDocument: z.object({ type: z.string(), number: z.string() }),
  phone: z.string(),
  address: z.object({
    provinceCode: z.string(),
    districtCode: z.string().nullish(),
    wardCode: z.string().nullish(),
    line: z.string(),
  }),
  priorityGroup: z.string().nullish(),
  healthInsuranceNumber: z.string().nullish(),
});

export type RegisterSubjectBody = z.infer<typeof registerSubjectSchema>;

export const registerSubjectOpenApi: SchemaObject = {
  type: 'object',
  required: ['fullName', 'dateOfBirth', 'gender', 'idDocument', 'phone', 'address'],
  properties: {
    fullName: { type: 'string', example: 'Nguyễn Văn An' },
    dateOfBirth: { type: 'string', format: 'date', example: '1990-05-17' },
    gender: { type: 'string', enum: ['male', 'female', 'other'] },
    idDocument: {
      type: 'object',
      required: ['type', 'number'],
      properties: {
        type: { type: 'string', enum: ['CMND', 'CCCD', 'PASSPORT'] },
        number: { type: 'string', example: '001090012345' },
      },
    },
    phone: { type: 'string', example: '0912345678' },
    address: {
      type: 'object',
      required: ['provinceCode', 'line'],
      properties: {
        provinceCode: { type: 'string', example: '01' },
        districtCode: { type: 'string', example: '005' },
        wardCode: { type: 'string', example: '00163' },
        line: { type: 'string', example: 'Số 12 ngõ 34 Trần Duy Hưng' },
      },
    },
    priorityGroup: { type: 'string' },
    healthInsuranceNumber: { type: 'string', example: 'DN4010123456789' },
  },
};

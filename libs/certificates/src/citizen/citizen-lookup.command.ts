import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export const citizenLookupSchema = z
  .object({
    fullName: z.string().trim().min(2).max(120),
    idNumber: z.string().trim().regex(/^[A-Za-z0-9]{6,20}$/, 'an ID document number: 6 to 20 letters or digits'),
  })
  .strict();
export type CitizenLookupInput = z.infer<typeof citizenLookupSchema>;

export const citizenLookupBodySchema: SchemaObject = {
  type: 'object',
  required: ['fullName', 'idNumber'],
  additionalProperties: false,
  properties: { fullName: { type: 'string', example: 'Nguyễn Văn Ân' }, idNumber: { type: 'string', example: '079087001234' } },
};

export const citizenVerifySchema = z.object({ challengeId: z.string().uuid(), code: z.string().regex(/^\d{6}$/) }).strict();
export type CitizenVerifyInput = z.infer<typeof citizenVerifySchema>;

export const citizenVerifyBodySchema: SchemaObject = {
  type: 'object',
  required: ['challengeId', 'code'],
  additionalProperties: false,
  properties: { challengeId: { type: 'string', format: 'uuid' }, code: { type: 'string', example: '482915' } },
};

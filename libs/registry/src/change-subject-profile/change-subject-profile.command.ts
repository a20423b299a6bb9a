import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { registerSubjectOpenApi, registerSubjectSchema } from '../register-subject/register-subject.command';

/** Any subset of the profile; `null` removes an optional field (priority group, health insurance number). */
export const changeSubjectProfileSchema = registerSubjectSchema
  .extend({ priorityGroup: z.string().nullable(), healthInsuranceNumber: z.string().nullable() })
  .partial()
  .strict();

export type ChangeSubjectProfileBody = z.infer<typeof changeSubjectProfileSchema>;

export const changeSubjectProfileOpenApi: SchemaObject = {
  type: 'object',
  description:
    'Any subset of the profile. fullName, dateOfBirth, idDocument and address are sensitive (R6): changing them on a subject neither created nor managed by your facility needs X-Step-Up-Token.',
  properties: registerSubjectOpenApi.properties,
};

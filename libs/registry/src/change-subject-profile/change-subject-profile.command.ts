import { z } from 'zod';
import { registerSubjectSchema } from '../register-subject/register-subject.command';
import { profileFieldSchema } from '../subject-schemas';

/**
 * Any subset of the registration's profile, with the same value rules; `null` removes an optional field
 * (priority group, health insurance number). fullName, dateOfBirth, idDocument and address are sensitive (R6).
 */
export const changeSubjectProfileSchema = registerSubjectSchema
  .extend({
    priorityGroup: registerSubjectSchema.shape.priorityGroup.unwrap(),
    healthInsuranceNumber: registerSubjectSchema.shape.healthInsuranceNumber.unwrap(),
  })
  .partial()
  .strict();

export type ChangeSubjectProfileBody = z.infer<typeof changeSubjectProfileSchema>;

/** 200: which fields really changed (none when nothing differed) and whether a step-up token was spent. */
export const profileChangeSchema = z.object({
  subjectId: z.string(),
  changedFields: z.array(profileFieldSchema),
  stepUpUsed: z.boolean(),
});

export const changeSubjectProfileExample = {
  phone: '0987654321',
  address: { provinceCode: '01', districtCode: '005', wardCode: '00163', line: 'Số 8 ngách 20 ngõ 34 Trần Duy Hưng' },
  priorityGroup: 'HEALTH_WORKER',
};

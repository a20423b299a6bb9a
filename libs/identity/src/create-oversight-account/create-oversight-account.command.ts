import { z } from 'zod';
import { personDetailsSchema } from '../domain/person-details';

export const createOversightAccountSchema = personDetailsSchema.extend({
  role: z.enum(['auditor', 'reporter']),
  provinceCode: z.string().regex(/^[0-9]{2}$/).nullish(),
});

import { z } from 'zod';
import { staffMemberSchema } from '../domain/person-details';

export const maxStaffPerRequest = 500;

export const submitAccountRequestSchema = z.object({
  facilityId: z.string().trim().min(1).max(64),
  staff: z.array(staffMemberSchema).min(1).max(maxStaffPerRequest),
});
export type SubmitAccountRequestCommand = z.infer<typeof submitAccountRequestSchema>;

export const submitAccountRequestCsvSchema = z.object({
  facilityId: z.string().trim().min(1).max(64),
  csv: z.string().min(1).max(512 * 1024),
});

/** Columns of the CSV upload, in any order, with a header line. `rights` holds several rights separated by `|` or `;`. */
export const staffCsvColumns = ['fullName', 'gender', 'unit', 'position', 'email', 'phone', 'username', 'rights'] as const;

const staffItemSchema = {
  type: 'object',
  required: ['fullName', 'gender', 'unit', 'position', 'email', 'phone', 'username', 'rights'],
  properties: {
    fullName: { type: 'string', example: 'Nguyễn Thị Lan' },
    gender: { type: 'string', enum: ['male', 'female', 'other'] },
    unit: { type: 'string', example: 'Tiêm chủng' },
    position: { type: 'string', example: 'Điều dưỡng' },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string', example: '0912345678' },
    username: { type: 'string', example: 'lan.nguyen' },
    rights: { type: 'array', items: { type: 'string', enum: ['data_entry', 'dose_history_update', 'subject_management'] } },
  },
};

export const submitAccountRequestBodySchema = {
  type: 'object',
  required: ['facilityId', 'staff'],
  properties: { facilityId: { type: 'string' }, staff: { type: 'array', items: staffItemSchema } },
};

export const submitAccountRequestCsvBodySchema = {
  type: 'object',
  required: ['facilityId', 'csv'],
  properties: {
    facilityId: { type: 'string' },
    csv: {
      type: 'string',
      description: `CSV text with a header line; columns ${staffCsvColumns.join(', ')}; rights separated by "|" or ";"`,
      example:
        'fullName,gender,unit,position,email,phone,username,rights\nNguyễn Thị Lan,female,Tiêm chủng,Điều dưỡng,lan@example.vn,0912345678,lan.nguyen,data_entry|subject_management',
    },
  },
};

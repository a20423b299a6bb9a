import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';
import { staffMemberSchema } from '../domain/person-details';

export const maxStaffPerRequest = 500;

export const submitAccountRequestSchema = z.object({
  facilityId: typedText(64),
  staff: z.array(staffMemberSchema).min(1).max(maxStaffPerRequest),
});
export type SubmitAccountRequestCommand = z.infer<typeof submitAccountRequestSchema>;

/** Columns of the CSV upload, in any order, with a header line. `rights` holds several rights separated by `|` or `;`. */
export const staffCsvColumns = ['fullName', 'gender', 'unit', 'position', 'email', 'phone', 'username', 'rights'] as const;

/** The staff list as CSV text (content type text/csv) inside the JSON body, beside the facility it is for. */
export const submitAccountRequestCsvSchema = z.object({
  facilityId: typedText(64),
  csv: z
    .string()
    .min(1)
    .max(512 * 1024)
    .describe(`text/csv with a header line; columns ${staffCsvColumns.join(', ')} in any order; rights separated by "|" or ";"`),
});

import { z } from 'zod';

/** POST /account-requests (JSON or CSV list): the id of the request now awaiting the province's decision. */
export const submittedAccountRequestAnswer = z.object({ requestId: z.string() });

export type SubmittedAccountRequestAnswer = z.infer<typeof submittedAccountRequestAnswer>;

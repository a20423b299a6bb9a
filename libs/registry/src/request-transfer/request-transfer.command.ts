import { z } from 'zod';

export const requestTransferSchema = z
  .object({ toFacilityId: z.string().min(1).max(100).describe('The facility that is to manage the subject') })
  .strict();

/** 201: the id of the request, to accept it with. */
export const transferRequestedSchema = z.object({ requestId: z.string() });

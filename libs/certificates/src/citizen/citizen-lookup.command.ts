import { calendarDatePattern } from '@vaxledger/kernel';
import { z } from 'zod';
import { certificateListItemAnswer } from '../certificate-answers';

/**
 * The name is trimmed, then needs 2 characters (code points, as JSON Schema counts them: the `u` flag): two
 * non-whitespace characters. Trimming changes nothing of that, so the pattern (unanchored, as the document
 * gives it) holds of the name as sent exactly when it holds of the trimmed name.
 */
const twoNonBlank = /\S[\s\S]*\S/u;

export const citizenLookupSchema = z
  .object({
    fullName: z.string().trim().min(2).max(120).regex(twoNonBlank),
    idNumber: z.string().trim().regex(/^[A-Za-z0-9]{6,20}$/, 'an ID document number: 6 to 20 letters or digits'),
  })
  .strict();
export type CitizenLookupInput = z.infer<typeof citizenLookupSchema>;

/** POST /citizen/lookup: the same whether or not such a person is on record. */
export const citizenChallengeAnswer = z.object({
  challengeId: z.string().uuid(),
  phoneHint: z.string().regex(/^\+84 ••• ••• •\d{2}$/).describe('The last two digits of the phone the code went to'),
});
export type CitizenChallengeAnswer = z.infer<typeof citizenChallengeAnswer>;

export const citizenVerifySchema = z.object({ challengeId: z.string().uuid(), code: z.string().regex(/^\d{6}$/) }).strict();
export type CitizenVerifyInput = z.infer<typeof citizenVerifySchema>;

/** POST /citizen/verify: a token for GET /citizen/record, valid for expiresIn seconds. */
export const citizenTokenAnswer = z.object({
  citizenToken: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/).describe('A JWT (HS256); send it as Authorization: Bearer'),
  expiresIn: z.number().int().min(1).describe('Seconds'),
});
export type CitizenTokenAnswer = z.infer<typeof citizenTokenAnswer>;

/** GET /citizen/record: the holder, every dose on record (voided ones too) and every certificate, newest first. */
export const citizenRecordAnswer = z.object({
  fullName: z.string(),
  dateOfBirth: z.string().regex(calendarDatePattern),
  doses: z.array(
    z.object({
      doseId: z.string(),
      vaccineCode: z.string(),
      vaccineName: z.string(),
      doseNumber: z.number().int().min(1),
      date: z.string().regex(calendarDatePattern).describe('The local date the dose was given'),
      status: z.enum(['completed', 'voided']),
    }),
  ),
  certificates: z.array(certificateListItemAnswer),
});
export type CitizenRecordAnswer = z.infer<typeof citizenRecordAnswer>;

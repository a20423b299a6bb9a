/**
 * Why a record of another facility's subject is read (the `X-Purpose` header). A fixed list, so the access
 * record says something an auditor can count, and a free-text header cannot smuggle personal data into the trail.
 */
import { AccessRefusal } from '@vaxledger/auth';
import { validationError } from '@vaxledger/kernel';

export const readPurposes = ['vaccination', 'correction', 'transfer', 'audit', 'other'] as const;
export type ReadPurpose = (typeof readPurposes)[number];

export const purposeHeader = 'X-Purpose';

/** A refusal on access grounds (400): recorded as a denial by the service that reads the record. */
export const purposeRequired = () =>
  new AccessRefusal(
    'validation',
    'purpose_required',
    `Reading a record managed by another facility needs the ${purposeHeader} header: one of ${readPurposes.join(', ')}.`,
  );

export const purposeInvalid = () =>
  validationError('purpose_invalid', `${purposeHeader} must be one of ${readPurposes.join(', ')}.`, {
    allowed: [...readPurposes],
  });

/**
 * The purpose named by the header, or null when none was sent. Anything else than one of the listed values,
 * written exactly so (an empty header, another case, spaces), is refused: 400 `purpose_invalid`.
 */
export function readPurposeOf(header: string | null | undefined): ReadPurpose | null {
  if (header === null || header === undefined) return null;
  if (!(readPurposes as readonly string[]).includes(header)) throw purposeInvalid();
  return header as ReadPurpose;
}

/**
 * One key per purpose, derived from the root secret (`VAXLEDGER_LOOKUP_KEY`) with HKDF-SHA256, so a key handed
 * to one service for one job cannot be used for another: immunization holds only the pseudonym and citizen-record keys, the
 * registry only the phone and ID lookup keys, identity the username and delivered-code keys (and the root,
 * which seals authenticator secrets under its own HKDF-derived key).
 */
import { hkdfSync } from 'node:crypto';

export const keyPurposes = ['phone-lookup', 'id-lookup', 'usernames', 'reporting-pseudonyms', 'delivered-codes', 'citizen-records'] as const;
export type KeyPurpose = (typeof keyPurposes)[number];

export interface PurposeKeys {
  /** registry: keyed hashes of phone numbers (search read model). */
  phoneLookup?: Buffer;
  /** registry: keyed hashes of ID document numbers (reservation streams, search read model). */
  idLookup?: Buffer;
  /** identity: username reservation stream names and the usernames of unknown-user attempts. */
  usernames?: Buffer;
  /** immunization: pseudonymous subject and dose keys of the reporting topic. */
  reportingPseudonyms?: Buffer;
  /** identity: HMACs of delivered one-time codes (SMS, e-mail) at rest. */
  deliveredCodes?: Buffer;
  /** immunization (certificates): the citizen's one-time codes, keyed ID hashes of lookups and record tokens. */
  citizenRecords?: Buffer;
}

const salt = Buffer.from('vaxledger purpose keys', 'utf8');

export function derivePurposeKey(root: Buffer, purpose: KeyPurpose): Buffer {
  if (root.length < 32) throw new Error('the root secret must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', root, salt, `vaxledger ${purpose} v1`, 32));
}

/** The keys one service gets, and no others. */
export function purposeKeysFor(service: string, root: Buffer): PurposeKeys {
  if (root.length === 0) return {};
  switch (service) {
    case 'identity':
      return { usernames: derivePurposeKey(root, 'usernames'), deliveredCodes: derivePurposeKey(root, 'delivered-codes') };
    case 'registry':
      return { phoneLookup: derivePurposeKey(root, 'phone-lookup'), idLookup: derivePurposeKey(root, 'id-lookup') };
    case 'immunization':
      return { reportingPseudonyms: derivePurposeKey(root, 'reporting-pseudonyms'), citizenRecords: derivePurposeKey(root, 'citizen-records') };
    default:
      return {};
  }
}

/** The key of a purpose, or a start-up error naming what is missing. */
export function requirePurposeKey(keys: PurposeKeys, name: keyof PurposeKeys): Buffer {
  const key = keys[name];
  if (!key || key.length < 32) throw new Error(`the ${name} key is missing (derived from VAXLEDGER_LOOKUP_KEY)`);
  return key;
}

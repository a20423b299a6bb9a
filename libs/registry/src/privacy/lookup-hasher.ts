/**
 * Keyed hashes (HMAC-SHA256) that stand in for phone and ID numbers wherever the registry must find or lock by
 * them: reservation stream names and the search read model. Each has its own key, derived from the root
 * secret for that purpose alone (`phone-lookup`, `id-lookup`; see runtime's purpose-keys.ts). Without the key a
 * hash cannot be reversed by trying every phone number, which a plain hash could.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { derivePurposeKey, type PurposeKeys, purposeKeysFor, requirePurposeKey } from '@vaxledger/runtime';
import type { IdDocumentType } from '../domain/subject-profile';

export interface LookupKeys {
  phoneLookup: Buffer;
  idLookup: Buffer;
}

/**
 * The keyed hash of an ID number alone (`id-lookup` key), without the phone key: what a service that looks
 * holders up by ID number needs (immunization's certificates, against registry's holder feed), and no more.
 */
export class IdNumberHasher {
  private readonly idKey: KeyObject;

  constructor(idLookup: Buffer) {
    if (idLookup.length < 32) throw new Error('the id-lookup key must be at least 32 bytes');
    this.idKey = createSecretKey(idLookup);
  }

  /** From the deployment's root secret (`VAXLEDGER_LOOKUP_KEY`), as registry derives its own. */
  static fromRoot(root: Buffer): IdNumberHasher {
    return new IdNumberHasher(derivePurposeKey(root, 'id-lookup'));
  }

  /** Search by ID number does not say which kind of document it is, so this hash leaves the type out. */
  idNumberHash(number: string): string {
    return hmac(this.idKey, `id-number:${number}`);
  }
}

export class LookupHasher {
  private readonly phoneKey: KeyObject;
  private readonly idKey: KeyObject;
  private readonly idNumbers: IdNumberHasher;

  constructor(keys: LookupKeys) {
    if (keys.phoneLookup.length < 32 || keys.idLookup.length < 32) throw new Error('lookup keys must be at least 32 bytes');
    this.phoneKey = createSecretKey(keys.phoneLookup);
    this.idKey = createSecretKey(keys.idLookup);
    this.idNumbers = new IdNumberHasher(keys.idLookup);
  }

  /** From the registry's purpose keys (the service infrastructure). */
  static fromKeys(keys: PurposeKeys): LookupHasher {
    return new LookupHasher({ phoneLookup: requirePurposeKey(keys, 'phoneLookup'), idLookup: requirePurposeKey(keys, 'idLookup') });
  }

  /** From the root secret, for tools that read it themselves (CLI import, rebuild). */
  static fromRoot(root: Buffer): LookupHasher {
    return LookupHasher.fromKeys(purposeKeysFor('registry', root));
  }

  /** The keys, to hand to a worker thread. */
  get keys(): LookupKeys {
    return { phoneLookup: this.phoneKey.export(), idLookup: this.idKey.export() };
  }

  /** Names the reservation stream of one document: HMAC(`type:number`). */
  documentKey(type: IdDocumentType, number: string): string {
    return hmac(this.idKey, `${type}:${number}`);
  }

  /** Search by ID number does not say which kind of document it is, so this hash leaves the type out. */
  idNumberHash(number: string): string {
    return this.idNumbers.idNumberHash(number);
  }

  phoneHash(e164: string): string {
    return hmac(this.phoneKey, `phone:${e164}`);
  }
}

function hmac(key: KeyObject, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

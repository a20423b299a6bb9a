/**
 * Keyed hashes (HMAC-SHA256 under `infra.keys.lookupKey`) that stand in for phone and ID numbers wherever the
 * registry must find or lock by them: reservation stream names and the search read model. Without the key a
 * hash cannot be reversed by trying every phone number, which a plain hash could.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { IdDocumentType } from '../domain/subject-profile';

export class LookupHasher {
  private readonly key: KeyObject;

  constructor(lookupKey: Buffer) {
    if (lookupKey.length < 32) throw new Error('the lookup key must be at least 32 bytes');
    this.key = createSecretKey(lookupKey);
  }

  /** Names the reservation stream of one document: HMAC(`type:number`). */
  documentKey(type: IdDocumentType, number: string): string {
    return this.hmac(`${type}:${number}`);
  }

  /** Search by ID number does not say which kind of document it is, so this hash leaves the type out. */
  idNumberHash(number: string): string {
    return this.hmac(`id-number:${number}`);
  }

  phoneHash(e164: string): string {
    return this.hmac(`phone:${e164}`);
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }
}

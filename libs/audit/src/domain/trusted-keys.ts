/**
 * The public keys a verifier accepts, by key id. A checkpoint names the key that signed it; verification
 * looks that id up here. Rotation adds the new key's public half before switching, and keeps the old one, so
 * checkpoints signed before and after a rotation verify side by side (no flag day).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdOf } from './signed-checkpoint';

export type TrustedKeys = ReadonlyMap<string, KeyObject>;

const pemBlock = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Every `PUBLIC KEY` PEM block in `text` (a bundle: blocks one after another, comments between them allowed). */
export function publicKeysFromPem(text: string): KeyObject[] {
  return [...text.replace(/\\n/g, '\n').matchAll(pemBlock)].map((match) => {
    const key = createPublicKey(match[0]);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('audit keys are Ed25519 keys');
    return key;
  });
}

export function trustedKeys(keys: Iterable<KeyObject>): TrustedKeys {
  const byId = new Map<string, KeyObject>();
  for (const key of keys) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    byId.set(keyIdOf(publicKey), publicKey);
  }
  return byId;
}

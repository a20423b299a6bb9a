import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Ed25519 signing keys for access and step-up tokens. Identity signs; every service verifies locally. */
export interface TokenKeys {
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

export function keysFromPem(publicPem: string, privatePem?: string): TokenKeys {
  const privateKey = privatePem ? createPrivateKey(privatePem) : undefined;
  const publicKey = publicPem ? createPublicKey(publicPem) : privateKey ? createPublicKey(privateKey) : undefined;
  if (!publicKey) throw new Error('A public key (or a private key to derive it from) is required');
  return { publicKey, privateKey };
}

/**
 * Standalone mode: the key pair lives in the data directory (mode 0600), created on first start, so a
 * single-machine install needs no setup and tokens survive restarts. Distributed mode passes keys by
 * environment (JWT_PRIVATE_KEY / JWT_PUBLIC_KEY) from the secret store.
 */
export function loadOrCreateKeyFile(path: string): TokenKeys {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(path));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * The key id (`kid` header) of a token key: the first 16 bytes of SHA-256 over the public key's SPKI DER,
 * base64url. Derived, never configured, so issuer and verifiers cannot disagree about it.
 */
export function keyIdOf(key: KeyObject): string {
  const cached = keyIds.get(key);
  if (cached) return cached;
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const id = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest().subarray(0, 16).toString('base64url');
  keyIds.set(key, id);
  return id;
}
const keyIds = new WeakMap<KeyObject, string>();

/**
 * The public keys a service verifies access and step-up tokens with: the current one and the previous ones
 * still honoured during a rotation. A token names its key by `kid`; a token without one (issued before key
 * ids existed) is checked against the current key only. No flag day: add the new key as current, keep the old
 * one as previous until every token it signed has expired (15 minutes), then drop it.
 */
export class TokenVerificationKeys {
  private readonly byId = new Map<string, KeyObject>();

  constructor(
    readonly current: KeyObject,
    previous: readonly KeyObject[] = [],
  ) {
    for (const key of [current, ...previous]) {
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('token verification keys must be Ed25519 public keys');
      this.byId.set(keyIdOf(key), key.type === 'private' ? createPublicKey(key) : key);
    }
  }

  static of(keys: KeyObject | TokenVerificationKeys): TokenVerificationKeys {
    return keys instanceof TokenVerificationKeys ? keys : new TokenVerificationKeys(keys);
  }

  /** The key for a token's `kid`; undefined when the kid is unknown (a retired or foreign key). */
  keyFor(kid: string | undefined): KeyObject | undefined {
    return kid === undefined ? this.byId.get(keyIdOf(this.current)) : this.byId.get(kid);
  }

  get keyIds(): string[] {
    return [...this.byId.keys()];
  }
}

/** The verification keys of a service's infrastructure: current plus previous public keys. */
export function tokenVerificationKeys(keys: { tokenPublicKey: KeyObject; previousTokenPublicKeys?: readonly KeyObject[] }): TokenVerificationKeys {
  return new TokenVerificationKeys(keys.tokenPublicKey, keys.previousTokenPublicKeys ?? []);
}

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
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

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Secrets come from the environment in production. A standalone install with none set gets its own,
 * generated once into `<data dir>/keys/` (mode 0600) so it survives restarts; they never live in the repo.
 */
export function secretFromEnvOrFile(envValue: string | undefined, path: string, bytes = 32): Buffer {
  if (envValue && envValue.trim()) return decodeSecret(envValue.trim());
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(bytes).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return decodeSecret(readFileSync(path, 'utf8').trim());
}

export function ed25519FromEnvOrFile(envPem: string | undefined, path: string): KeyObject {
  if (envPem && envPem.trim()) return createPrivateKey(envPem.replace(/\\n/g, '\n'));
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(path));
}

/** Accepts `hex:…`, `base64:…` or plain base64. At least 32 bytes: these keys protect personal data. */
export function decodeSecret(value: string): Buffer {
  const buffer = value.startsWith('hex:')
    ? Buffer.from(value.slice(4), 'hex')
    : Buffer.from(value.replace(/^base64:/, ''), 'base64');
  if (buffer.length < 32) throw new Error('secret must be at least 32 bytes');
  return buffer;
}

/** `JWT_PREVIOUS_PUBLIC_KEYS`: zero or more PEM public keys one after the other (`\n` escapes allowed). */
export function publicKeysFromPemList(value: string | undefined): KeyObject[] {
  if (!value || !value.trim()) return [];
  const text = value.replace(/\\n/g, '\n');
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new Error('JWT_PREVIOUS_PUBLIC_KEYS: no PEM public key found');
  return blocks.map((pem) => createPublicKey(pem));
}

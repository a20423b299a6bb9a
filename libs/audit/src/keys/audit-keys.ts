/**
 * The audit keys of one process: the signing key, and the set of trusted public keys that verification
 * accepts. The trusted set is kept apart from the trail and from the signing key — in the anchor directory
 * (`public-keys.pem`) and the environment — so that replacing the signing key beside the trail and re-signing
 * every checkpoint is caught: the new key is not trusted.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '@vaxledger/runtime';
import type { AuditSettings } from '../audit-settings';
import { keyIdOf, publicKeyPem } from '../domain/signed-checkpoint';
import { publicKeysFromPem, type TrustedKeys, trustedKeys } from '../domain/trusted-keys';

export const trustedKeysFileName = 'public-keys.pem';

export function trustedKeysFileIn(anchorDir: string): string {
  return join(anchorDir, trustedKeysFileName);
}

export interface AuditKeys {
  signingKey: KeyObject;
  signingKeyId: string;
  trusted: TrustedKeys;
  /** False when the signing key's public half is in none of the trusted places: new checkpoints will not verify. */
  signingKeyTrusted: boolean;
}

/** True when `path` is `directory` or lies below it. */
export function isInside(path: string, directory: string): boolean {
  const rel = relative(resolve(directory), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The file the signing key comes from, or null when it comes from the environment (AUDIT_SIGNING_KEY). */
export function signingKeyFile(settings: AuditSettings, dataDir: string | undefined): string | null {
  if (settings.AUDIT_SIGNING_KEY?.trim()) return null;
  if (settings.AUDIT_SIGNING_KEY_FILE) return resolve(settings.AUDIT_SIGNING_KEY_FILE);
  return dataDir ? join(resolve(dataDir), 'keys', 'audit-signing.pem') : null;
}

/** The signing key: the one the infrastructure loaded, else the PEM file AUDIT_SIGNING_KEY_FILE. */
export function loadSigningKey(loaded: KeyObject | undefined, settings: AuditSettings): KeyObject {
  if (loaded) return loaded;
  if (settings.AUDIT_SIGNING_KEY_FILE) {
    if (!existsSync(settings.AUDIT_SIGNING_KEY_FILE))
      throw new ConfigError([`AUDIT_SIGNING_KEY_FILE: ${settings.AUDIT_SIGNING_KEY_FILE} does not exist`]);
    return createPrivateKey(readFileSync(settings.AUDIT_SIGNING_KEY_FILE));
  }
  throw new ConfigError(['AUDIT_SIGNING_KEY: the audit service needs its Ed25519 signing key (not set)']);
}

/**
 * Trusted public keys: `<anchor dir>/public-keys.pem`, AUDIT_VERIFY_KEYS and AUDIT_VERIFY_KEYS_FILE; in
 * distributed mode also the signing key's own public half (that key comes from the secret store, which the
 * trail's database administrator does not reach). The anchor directory's file is created on first start with
 * the current public key in it (trust on first use) and never rewritten by the service: a rotation appends
 * the new public key to it (docs/audit.md).
 */
export function loadAuditKeys(options: {
  signingKey: KeyObject;
  settings: AuditSettings;
  anchorDir: string;
  /** Trust the signing key's public half without it being listed (distributed: the key is in the secret store). */
  trustSigningKey: boolean;
}): AuditKeys {
  const { signingKey, settings, anchorDir } = options;
  const file = trustedKeysFileIn(anchorDir);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, publicKeyPem(signingKey), { mode: 0o644, flag: 'wx' });
  }
  const listed = [
    ...publicKeysFromPem(readFileSync(file, 'utf8')),
    ...publicKeysFromPem(settings.AUDIT_VERIFY_KEYS ?? ''),
    ...(settings.AUDIT_VERIFY_KEYS_FILE ? publicKeysFromPem(readFileSync(settings.AUDIT_VERIFY_KEYS_FILE, 'utf8')) : []),
  ];
  const signingPublic = createPublicKey(signingKey);
  const signingKeyId = keyIdOf(signingPublic);
  const trusted = trustedKeys(options.trustSigningKey ? [...listed, signingPublic] : listed);
  return { signingKey, signingKeyId, trusted, signingKeyTrusted: trusted.has(signingKeyId) };
}

/** Trusted keys for a verifier that has no signing key (an outside copy of the anchors, a CLI on another host). */
export function loadTrustedKeysOnly(settings: AuditSettings, anchorDir: string | null): TrustedKeys {
  const file = anchorDir ? trustedKeysFileIn(anchorDir) : null;
  return trustedKeys([
    ...(file && existsSync(file) ? publicKeysFromPem(readFileSync(file, 'utf8')) : []),
    ...publicKeysFromPem(settings.AUDIT_VERIFY_KEYS ?? ''),
    ...(settings.AUDIT_VERIFY_KEYS_FILE ? publicKeysFromPem(readFileSync(settings.AUDIT_VERIFY_KEYS_FILE, 'utf8')) : []),
  ]);
}

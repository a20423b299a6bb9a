/**
 * Where the anchors and the trusted public keys live, and where the signing key must not: checks made once
 * at start-up. Standalone keeps the anchors in `<data dir>/audit-anchors` unless AUDIT_ANCHOR_DIR says
 * otherwise — a sibling of the trail's folder, never inside it; distributed requires AUDIT_ANCHOR_DIR.
 */
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '@vaxledger/runtime';
import type { AuditSettings } from '../audit-settings';
import { isInside, signingKeyFile } from '../keys/audit-keys';
import type { TrailLocation } from '../trail/open-trail-store';

export function anchorDirectory(
  settings: AuditSettings,
  dataDir: string | undefined,
  location: TrailLocation,
): string {
  const directory = settings.AUDIT_ANCHOR_DIR
    ? resolve(settings.AUDIT_ANCHOR_DIR)
    : dataDir
      ? join(resolve(dataDir), 'audit-anchors')
      : null;
  if (!directory)
    throw new ConfigError([
      'AUDIT_ANCHOR_DIR: the audit service appends every signed checkpoint to a directory of its own, outside the trail database (not set)',
    ]);
  if (location.kind === 'sqlite' && isInside(directory, dirname(location.filename)))
    throw new ConfigError([
      `AUDIT_ANCHOR_DIR: ${directory} lies inside the trail's folder ${dirname(location.filename)}; anchors must be kept apart from it`,
    ]);
  return directory;
}

/** The directories that hold data in this process: a signing key there travels with every copy of the data. */
export function dataDirectories(
  settings: Record<string, string | undefined>,
  dataDir: string | undefined,
  location: TrailLocation,
  anchorDir: string,
): string[] {
  return [
    dataDir,
    settings.VAXLEDGER_DATA_DIR,
    settings.EVENT_STORE_SQLITE_PATH ? dirname(settings.EVENT_STORE_SQLITE_PATH) : undefined,
    location.kind === 'sqlite' ? dirname(location.filename) : undefined,
    anchorDir,
  ].flatMap((directory) => (directory ? [resolve(directory)] : []));
}

const warned = new Set<string>();

/**
 * Distributed start-up refuses a signing key file inside a data directory (a backup or a copy of the data
 * would carry the key that vouches for it). Standalone warns once per key file and goes on: its default key
 * is generated there; docs/audit.md says how to move it.
 */
export function checkSigningKeyPlacement(options: {
  settings: AuditSettings;
  env: Record<string, string | undefined>;
  dataDir: string | undefined;
  location: TrailLocation;
  anchorDir: string;
  distributed: boolean;
  warn: (message: string) => void;
}): void {
  const file = signingKeyFile(options.settings, options.dataDir);
  if (!file) return;
  const inside = dataDirectories(options.env, options.dataDir, options.location, options.anchorDir).find(
    (directory) => isInside(file, directory),
  );
  if (!inside) return;
  if (options.distributed)
    throw new ConfigError([
      `AUDIT_SIGNING_KEY_FILE: ${file} lies inside the data directory ${inside}; keep the audit signing key outside every data directory`,
    ]);
  if (warned.has(file)) return;
  warned.add(file);
  options.warn(
    `the audit signing key ${file} lies inside the data directory ${inside}: whoever copies or restores the data also holds the key that vouches for it. Move it out and set AUDIT_SIGNING_KEY_FILE (docs/audit.md, "Keys").`,
  );
}

import { join } from 'node:path';
import { ConfigError } from '@vaxledger/runtime';
import type { AuditSettings } from '../audit-settings';
import { MongoTrailStore } from './mongo-trail-store';
import { SqliteTrailStore } from './sqlite-trail-store';
import type { TrailStore } from './trail-store';

/** Where the trail lives in this process. */
export type TrailLocation = { kind: 'sqlite'; filename: string } | { kind: 'mongo'; url: string };

/**
 * Standalone keeps the trail in its own SQLite file beside the audit read models; distributed in the audit
 * Mongo database (AUDIT_TRAIL_MONGO_URL, else MONGO_URL). An explicit AUDIT_TRAIL_MONGO_URL wins.
 */
export function trailLocation(settings: AuditSettings, dataDir: string | undefined): TrailLocation {
  if (settings.AUDIT_TRAIL_MONGO_URL) return { kind: 'mongo', url: settings.AUDIT_TRAIL_MONGO_URL };
  if (dataDir) return { kind: 'sqlite', filename: trailFile(dataDir) };
  if (settings.MONGO_URL) return { kind: 'mongo', url: settings.MONGO_URL };
  throw new ConfigError([
    'AUDIT_TRAIL_MONGO_URL: the audit trail needs a Mongo database or a data directory (not set)',
  ]);
}

export function trailFile(dataDir: string): string {
  return join(dataDir, 'audit', 'trail.db');
}

export async function openTrailStore(location: TrailLocation): Promise<TrailStore> {
  return location.kind === 'sqlite'
    ? new SqliteTrailStore(location.filename)
    : MongoTrailStore.connect(location.url);
}

/** Sizes of a data directory on disk, for "bytes per subject" figures. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes allocated on disk under `path` (recursively); sparse or preallocated files count as what they use. */
export function bytesOnDisk(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.blocks * 512;
  return readdirSync(path).reduce((sum, name) => sum + bytesOnDisk(join(path, name)), 0);
}

/** Bytes of one SQLite database including its WAL and shared-memory files. */
export function sqliteBytes(file: string): number {
  return bytesOnDisk(file) + bytesOnDisk(`${file}-wal`) + bytesOnDisk(`${file}-shm`);
}

/**
 * Where the bytes of a data directory go: every SQLite file, split by table and index with SQLite's `dbstat`
 * virtual table (pages actually used, free pages apart), plus the WAL and any other file. For the disk-per-subject
 * figures of `npm run bench -- --disk-breakdown`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';

export interface ObjectBytes {
  /** Table or index name as SQLite knows it. */
  name: string;
  bytes: number;
}

export interface FileBreakdown {
  /** Path inside the data directory, e.g. `registry/events.db`. */
  file: string;
  /** Allocated size of the database file (page count × page size). */
  fileBytes: number;
  /** The `-wal` file next to it (0 after a clean close, which checkpoints and removes it). */
  walBytes: number;
  pageSize: number;
  freeBytes: number;
  objects: ObjectBytes[];
}

export interface DirectoryBreakdown {
  files: FileBreakdown[];
  /** Files that are not SQLite databases (keys, the outbox). */
  otherBytes: number;
  totalBytes: number;
}

const sqliteSuffix = /\.(db|sqlite)$/;

export function breakDownDataDirectory(dataDir: string): DirectoryBreakdown {
  const files: FileBreakdown[] = [];
  let otherBytes = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (sqliteSuffix.test(name)) files.push(breakDownSqliteFile(path, relative(dataDir, path)));
      else if (!/-(wal|shm)$/.test(name)) otherBytes += stat.size;
    }
  };
  if (existsSync(dataDir)) walk(dataDir);
  files.sort((a, b) => a.file.localeCompare(b.file));
  const totalBytes = files.reduce((sum, f) => sum + f.fileBytes + f.walBytes, otherBytes);
  return { files, otherBytes, totalBytes };
}

export function breakDownSqliteFile(path: string, label: string): FileBreakdown {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    const objects = (
      db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as ObjectBytes[]
    ).filter((o) => o.bytes > 0);
    const wal = `${path}-wal`;
    return {
      file: label,
      fileBytes: pageCount * pageSize,
      walBytes: existsSync(wal) ? statSync(wal).size : 0,
      pageSize,
      freeBytes: freePages * pageSize,
      objects,
    };
  } finally {
    db.close();
  }
}

/** `after - before` per file and object, for the cost of what happened in between (doses recorded). */
export function differenceOf(after: DirectoryBreakdown, before: DirectoryBreakdown): DirectoryBreakdown {
  const earlier = new Map(before.files.map((f) => [f.file, f]));
  const files = after.files.map((file): FileBreakdown => {
    const old = earlier.get(file.file);
    const oldObjects = new Map((old?.objects ?? []).map((o) => [o.name, o.bytes]));
    return {
      ...file,
      fileBytes: file.fileBytes - (old?.fileBytes ?? 0),
      walBytes: file.walBytes - (old?.walBytes ?? 0),
      freeBytes: file.freeBytes - (old?.freeBytes ?? 0),
      objects: file.objects.map((o) => ({ name: o.name, bytes: o.bytes - (oldObjects.get(o.name) ?? 0) })),
    };
  });
  return { files, otherBytes: after.otherBytes - before.otherBytes, totalBytes: after.totalBytes - before.totalBytes };
}

/** A table of bytes per unit (subject or dose) by file and by its larger objects. */
export function renderBreakdown(breakdown: DirectoryBreakdown, units: number, unitName: string): string {
  const per = (bytes: number) => (bytes / units).toFixed(1).padStart(9);
  const lines = [`bytes per ${unitName} (${units.toLocaleString('en-US')} ${unitName}s)`, ''];
  for (const file of breakdown.files) {
    const used = file.fileBytes + file.walBytes;
    lines.push(`${per(used)}  ${file.file}${file.walBytes ? ` (WAL ${per(file.walBytes).trim()})` : ''}${file.freeBytes ? ` (free pages ${per(file.freeBytes).trim()})` : ''}`);
    for (const object of file.objects) {
      if (Math.abs(object.bytes / units) < 1) continue;
      lines.push(`${per(object.bytes)}      ${object.name}`);
    }
  }
  lines.push(`${per(breakdown.otherBytes)}  other files (keys, outbox)`);
  lines.push(`${per(breakdown.totalBytes)}  total`);
  return lines.join('\n');
}

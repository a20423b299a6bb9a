/**
 * The CPU-heavy first half of an import: CSV parsing, profile validation and the reservation key of each row.
 * It needs nothing from the stores, so the CLI runs it on a worker thread (`checked-rows.worker.ts`) while the
 * main thread commits; tests and callers without a build run it here, on the calling thread.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Clock } from '@vaxledger/kernel';
import { idDocumentStreamId } from '../domain/id-document-reservation.events';
import { normaliseSubjectProfile, type SubjectProfile } from '../domain/subject-profile';
import { calendarDateInVietnam } from '../domain/vietnam-calendar';
import type { LookupHasher } from '../privacy/lookup-hasher';
import { profileInputOf, type ImportRow } from './import-row';

export type CheckedProfile =
  | { ok: true; profile: SubjectProfile; documentStream: string }
  | { ok: false; reason: string };

export interface CheckedRow {
  line: number;
  /** The row's own `facility` column, trimmed; null when empty (the import's default facility applies). */
  facilityName: string | null;
  /** The row as read, kept only when it may end in the rejected-rows report. */
  record: ImportRow | null;
  checked: CheckedProfile;
}

export interface CheckedRowBatch {
  rows: CheckedRow[];
  /** Bytes of the file read once this batch was parsed. */
  bytesRead: number;
}

export interface CheckedRowsOptions {
  batchSize: number;
  /** Keep the record of rows without a facility column too: true when the import has no default facility. */
  keepRecordsWithoutFacility: boolean;
}

export type CheckedRowSource = (file: string, options: CheckedRowsOptions) => AsyncIterable<CheckedRowBatch>;

export async function* readCheckedRows(
  file: string,
  hasher: LookupHasher,
  clock: Clock,
  options: CheckedRowsOptions,
): AsyncGenerator<CheckedRowBatch> {
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }),
  );
  let rows: CheckedRow[] = [];
  let bytesRead = 0;
  // "Not in the future" is judged per batch, not per row: the calendar date is all it needs.
  let today = calendarDateInVietnam(clock.now());
  for await (const { record, info } of parser as AsyncIterable<{ record: ImportRow; info: { lines: number; bytes: number } }>) {
    bytesRead = info.bytes;
    const facilityName = record.facility?.trim() || null;
    const checked = checkProfile(record, hasher, today);
    const keepRecord = !checked.ok || facilityName !== null || options.keepRecordsWithoutFacility;
    rows.push({ line: info.lines, facilityName, record: keepRecord ? record : null, checked });
    if (rows.length >= options.batchSize) {
      yield { rows, bytesRead };
      rows = [];
      today = calendarDateInVietnam(clock.now());
    }
  }
  if (rows.length > 0) yield { rows, bytesRead };
}

function checkProfile(record: ImportRow, hasher: LookupHasher, today: string): CheckedProfile {
  const profile = normaliseSubjectProfile(profileInputOf(record), today);
  if (!profile.ok) return { ok: false, reason: profile.problems.map((p) => `${p.field}: ${p.problem}`).join('; ') };
  const { type, number } = profile.value.idDocument;
  return { ok: true, profile: profile.value, documentStream: idDocumentStreamId(hasher.documentKey(type, number)) };
}

/**
 * Reads a facility's staff list from CSV text into the same shape as the JSON request. The request itself is a
 * valid JSON body whatever the text says, so what is wrong inside the text is a rule broken (422 malformed_csv),
 * not a malformed request.
 */
import { ruleBroken } from '@vaxledger/kernel';
import { parse } from 'csv-parse/sync';
import { maxStaffPerRequest, staffCsvColumns } from './submit-account-request.command';

export function staffFromCsv(csv: string): Array<Record<string, unknown>> {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, max_record_size: 4096 });
  } catch (error) {
    throw ruleBroken('malformed_csv', 'The CSV could not be read.', { problem: error instanceof Error ? error.message : String(error) });
  }
  if (rows.length === 0) throw ruleBroken('malformed_csv', 'The CSV holds no staff lines.');
  if (rows.length > maxStaffPerRequest) throw ruleBroken('malformed_csv', `At most ${maxStaffPerRequest} staff per request.`);
  const missing = staffCsvColumns.filter((c) => !(c in rows[0]));
  if (missing.length) throw ruleBroken('malformed_csv', 'The CSV misses columns.', { missing });
  return rows.map((row) => ({
    fullName: row.fullName,
    gender: row.gender?.toLowerCase(),
    unit: row.unit,
    position: row.position,
    email: row.email,
    phone: row.phone,
    username: row.username,
    rights: (row.rights ?? '')
      .split(/[|;]/)
      .map((r) => r.trim())
      .filter(Boolean),
  }));
}

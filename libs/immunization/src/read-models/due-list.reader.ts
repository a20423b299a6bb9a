/**
 * Reads one page of a facility's due list from the `immunization_due` read model. Every page is one range scan
 * of the (facilityId, overdueKey) index: the list is ordered by the day the dose becomes overdue (most urgent
 * first), then subject and series, and the cursor is the last entry's key.
 */
import { addAge } from '../domain/calendar';
import type { ReadModelCollection } from '@vaxledger/kernel';
import type { DueEntryView } from './immunization-read-models';

export type DueStatus = 'due' | 'overdue';

export interface DueListPageRequest {
  facilityId: string;
  /** The day the list is for (`YYYY-MM-DD`). */
  on: string;
  /** `due`: may be given on that day and not yet overdue; `overdue`: overdue on that day; absent: both. */
  status?: DueStatus;
  limit: number;
  /** `next` of the previous page. */
  after?: string;
  /**
   * `longestDueWindowDays` of the catalogue: with `status=due`, nothing overdue later than this many days after
   * `on` can be due on `on`, so the scan stops there.
   */
  longestDueWindowDays?: number;
}

export interface DueListPage {
  items: Array<DueEntryView & { status: DueStatus }>;
  next: string | null;
}

/** Sorts after every character an id or series name may hold, so `<date>|~` ends that date's keys. */
const keyCeiling = '~';
/** Entries scanned per page at most, beyond the page itself, to skip those not yet due. */
const scanWindow = 2000;

export async function readDueList(entries: ReadModelCollection<DueEntryView>, request: DueListPageRequest): Promise<DueListPage> {
  const nextDay = addAge(request.on, { amount: 1, unit: 'd' });
  const floor = request.status === 'due' ? nextDay : undefined;
  const ceiling =
    request.status === 'overdue'
      ? `${request.on}|${keyCeiling}`
      : request.status === 'due' && request.longestDueWindowDays !== undefined
        ? `${addAge(request.on, { amount: request.longestDueWindowDays, unit: 'd' })}|${keyCeiling}`
        : undefined;
  const fetchSize = request.limit + 2;
  const items: DueListPage['items'] = [];
  /** Keys up to and including this one are behind us. */
  let passed = request.after;
  let scanned = 0;
  for (;;) {
    const from = floor && (!passed || floor > passed) ? floor : passed;
    const overdueKey: { $gte?: string; $lte?: string } = {};
    if (from) overdueKey.$gte = from;
    if (ceiling) overdueKey.$lte = ceiling;
    const batch = await entries.find({ facilityId: request.facilityId, ...(from || ceiling ? { overdueKey } : {}) }, { sort: [['overdueKey', 1]], limit: fetchSize });
    for (const entry of batch) {
      if (passed && entry.overdueKey <= passed) continue;
      passed = entry.overdueKey;
      scanned += 1;
      // Not yet due on that day (a dose recorded lately, a booster months away): same key range, skipped.
      if (entry.earliest > request.on) continue;
      items.push({ ...entry, status: entry.overdueFrom <= request.on ? 'overdue' : 'due' });
      if (items.length > request.limit) {
        const page = items.slice(0, request.limit);
        return { items: page, next: page[page.length - 1].overdueKey };
      }
    }
    if (batch.length < fetchSize) return { items, next: null };
    // A long run of entries not yet due: answer what was found, and let the next page go on from here.
    if (scanned >= scanWindow) return { items, next: passed ?? null };
  }
}

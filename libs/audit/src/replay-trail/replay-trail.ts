/**
 * Replaying a range of the trail for ops (R9): walk it in order and rebuild the read model, re-publish it to a
 * topic for a downstream consumer that lost data, or print one subject's or one account's timeline.
 */
import type { CloudEvent } from '@vaxledger/kernel';
import { rangeInstant, validationError } from '@vaxledger/kernel';
import type { TrailEntry } from '../domain/trail-entry';
import type { TrailRange, TrailStore } from '../trail/trail-store';

export interface ReplayRange {
  /** Inclusive. */
  fromSequence?: number;
  /** Inclusive bounds on the time the trail received the entries. */
  fromTime?: string;
  toTime?: string;
}

export function parseReplayRange(options: {
  fromSequence?: string;
  fromTime?: string;
  toTime?: string;
}): ReplayRange {
  const range: ReplayRange = {};
  if (options.fromSequence !== undefined) {
    if (!/^\d+$/.test(options.fromSequence))
      throw validationError('invalid_range', '--from-sequence needs a whole number');
    range.fromSequence = Number(options.fromSequence);
  }
  if (options.fromTime !== undefined) range.fromTime = instant(options.fromTime, 'start', '--from-time');
  if (options.toTime !== undefined) range.toTime = instant(options.toTime, 'end', '--to-time');
  if (range.fromSequence === undefined && range.fromTime === undefined) {
    throw validationError('invalid_range', 'say where to start: --from-sequence N or --from-time T');
  }
  return range;
}

/** A date is a whole UTC day; a timestamp needs its offset. */
export function instant(value: string, side: 'start' | 'end', name: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const timestamp = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value));
  if (!date && !timestamp) {
    throw validationError(
      'invalid_range',
      `${name} needs a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset`,
    );
  }
  return rangeInstant(value, side);
}

/** Calls `visit` with each page of the range, in sequence order. */
export async function walkTrail(
  trail: TrailStore,
  range: ReplayRange,
  visit: (entries: TrailEntry[]) => Promise<void>,
  pageSize = 1000,
): Promise<number> {
  let after: number | null = range.fromSequence !== undefined ? range.fromSequence - 1 : null;
  let seen = 0;
  for (;;) {
    const query: TrailRange = { afterSequence: after, limit: pageSize };
    if (range.fromTime) query.receivedFrom = range.fromTime;
    if (range.toTime) query.receivedTo = range.toTime;
    const page = await trail.read(query);
    if (page.length === 0) return seen;
    await visit(page);
    seen += page.length;
    if (page.length < pageSize) return seen;
    after = page[page.length - 1].sequence;
  }
}

/**
 * The entry as a CloudEvent again, under its original id (so the downstream consumer's dedupe still works),
 * type, source, time and key. Its data is what the trail keeps — the protected payload — not the original:
 * the producing service's own log is where the full event lives.
 */
export function trailEntryAsCloudEvent(entry: TrailEntry): CloudEvent {
  const message: CloudEvent = {
    specversion: '1.0',
    id: entry.eventId,
    source: entry.source,
    type: entry.type,
    time: entry.occurredAt,
    datacontenttype: 'application/json',
    partitionkey: entry.partitionKey,
    data: entry.payload,
  };
  if (entry.correlationId) message.correlationid = entry.correlationId;
  return message;
}

export type TimelineFocus = { subjectId: string } | { accountId: string };

export function concerns(entry: TrailEntry, focus: TimelineFocus): boolean {
  return 'subjectId' in focus
    ? entry.subjectIds.includes(focus.subjectId)
    : entry.actor.accountId === focus.accountId;
}

/** One line a person reads: when, what, who, from where, about whom, which fields. */
export function timelineLine(entry: TrailEntry): string {
  const payload = entry.payload;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const what = text(payload.action) ?? entry.type;
  const parts = [`${new Date(Date.parse(entry.occurredAt)).toISOString()}  #${entry.sequence}  ${what}`];
  if (what !== entry.type) parts.push(`(${entry.type})`);
  const actor = entry.actor;
  if (actor.accountId) {
    const scope = [
      actor.facilityId && `facility ${actor.facilityId}`,
      actor.provinceCode && `province ${actor.provinceCode}`,
    ].filter(Boolean);
    parts.push(`by ${actor.accountId}${scope.length ? ` (${scope.join(', ')})` : ''}`);
  }
  const outcome = text(payload.outcome);
  if (outcome) parts.push(`outcome ${outcome}`);
  if (entry.subjectIds.length) parts.push(`subjects ${entry.subjectIds.join(',')}`);
  const purpose = text(payload.purpose);
  if (purpose) parts.push(`purpose "${purpose}"`);
  const ip = text(payload.ip);
  const userAgent = text(payload.userAgent);
  if (ip || userAgent) parts.push(`from ${ip ?? '?'}${userAgent ? ` "${userAgent}"` : ''}`);
  const changed = Array.isArray(payload.changedFields)
    ? (payload.changedFields as unknown[]).filter((f) => typeof f === 'string')
    : [];
  const fields = [...new Set([...changed, ...entry.maskedFields])] as string[];
  if (fields.length) parts.push(`fields ${fields.join(',')}`);
  return parts.join('  ');
}

/**
 * "Who looked at subject X", "what did account Y do": the trail's events, newest first, a page at a time.
 * Open to auditors (national, or their province when the account is province-bound) and province admins
 * (their province only). Asking for one subject's history is itself an access to that person's data, so it
 * is written to the trail before the answer is given (R8).
 */
import type { Principal } from '@vaxledger/auth';
import { outOfScope } from '@vaxledger/auth';
import { Topics } from '@vaxledger/contracts';
import { type Clock, type FieldFilter, newId, rangeInstant, type ReadModelStore, ruleBroken, validationError } from '@vaxledger/kernel';
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { accessRecordedType, parseForTrail } from '../domain/trail-intake-parsing';
import {
  type AuditEventIndexEntry,
  type AuditEventView,
  auditEventView,
  openAuditEventCollections,
} from '../read-models/audit-events.projection';
import { cursorPattern } from './query-events.query';
import type { TrailAppender } from '../trail/trail-appender';
import type { TrailStore } from '../trail/trail-store';
import { queryAuditEventsSchema } from './query-events.query';

export interface AuditEventItem {
  sequence: number;
  eventId: string;
  type: string;
  topic: string;
  action: string | null;
  occurredAt: string;
  receivedAt: string;
  actor: { accountId: string | null; facilityId: string | null; provinceCode: string | null };
  subjectIds: string[];
  facilityId: string | null;
  provinceCode: string | null;
  outcome: string | null;
  purpose: string | null;
  origin: { ip: string | null; userAgent: string | null } | null;
  fieldsTouched: string[];
  details: AuditEventView['details'];
}

export interface AuditEventsPage {
  items: AuditEventItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const subjectHistoryAction = 'audit.subject-history';
export const auditSource = '/vaxledger/audit';

export class QueryAuditEventsHandler {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly appender: TrailAppender,
    private readonly trail: Pick<TrailStore, 'findByEventIds'>,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    origin: RequestOrigin,
    request: unknown,
  ): Promise<AuditEventsPage> {
    const query = parseInput(queryAuditEventsSchema, request);
    const provinceCode = provinceInScope(principal, query.provinceCode);
    const beforeSequence = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.subjectId) await this.recordSubjectHistoryRead(principal, query.subjectId, origin);

    const filter: FieldFilter = {};
    if (query.actorId) filter.actorId = query.actorId;
    if (query.type) filter.type = query.type;
    if (query.facilityId) filter.facilityId = query.facilityId;
    if (provinceCode) filter.provinceCode = provinceCode;
    const occurred: { $gte?: string; $lte?: string } = {};
    if (query.from) occurred.$gte = rangeInstant(query.from, 'start');
    if (query.to) occurred.$lte = rangeInstant(query.to, 'end');
    if (occurred.$gte && occurred.$lte && occurred.$gte > occurred.$lte) {
      throw ruleBroken('invalid_range', '"from" is after "to".');
    }
    if (occurred.$gte || occurred.$lte) filter.occurredAt = occurred;
    if (beforeSequence !== null) filter.sequence = { $lte: beforeSequence - 1 };

    const { events, subjects } = await openAuditEventCollections(this.readModels);
    const take = query.limit + 1;
    let found: Array<Pick<AuditEventIndexEntry, 'id' | 'sequence'>>;
    if (query.subjectId) {
      const postings = await subjects.find(
        { ...filter, subjectId: query.subjectId },
        { sort: [['sequence', -1]], limit: take },
      );
      found = postings.map((posting) => ({ id: posting.eventId, sequence: posting.sequence }));
    } else {
      found = await events.find(filter, { sort: [['sequence', -1]], limit: take });
    }
    const page = found.slice(0, query.limit);
    return {
      items: await this.itemsFromTrail(page),
      nextCursor: found.length > query.limit ? encodeCursor(page[page.length - 1].sequence) : null,
    };
  }

  /** The read model is an index: each answer is derived from the trail entry itself, in the index's order. */
  private async itemsFromTrail(page: Array<Pick<AuditEventIndexEntry, 'id' | 'sequence'>>): Promise<AuditEventItem[]> {
    if (page.length === 0) return [];
    const entries = await this.trail.findByEventIds(page.map((hit) => hit.id));
    const byId = new Map(entries.map((entry) => [entry.eventId, entry]));
    // An entry retention removed a moment ago may still be indexed: it is no longer part of the answer.
    return page.flatMap((hit) => {
      const entry = byId.get(hit.id);
      return entry ? [toItem(auditEventView(entry))] : [];
    });
  }

  private async recordSubjectHistoryRead(
    principal: Principal,
    subjectId: string,
    origin: RequestOrigin,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const parsed = parseForTrail(
      {
        specversion: '1.0',
        id: newId(),
        source: auditSource,
        type: accessRecordedType,
        time: now,
        datacontenttype: 'application/json',
        partitionkey: subjectId,
        correlationid: origin.correlationId,
        data: {
          action: subjectHistoryAction,
          actor: {
            accountId: principal.accountId,
            facilityId: principal.facilityId,
            provinceCode: principal.provinceCode,
          },
          role: principal.role,
          subjectIds: [subjectId],
          purpose: origin.purpose,
          ip: origin.ip,
          userAgent: origin.userAgent,
          at: now,
        },
      },
      Topics.auditAccess,
    );
    if (!parsed.ok) throw new Error(`audit could not record its own access: ${parsed.error}`);
    await this.appender.append(parsed.draft);
  }
}

/** Auditors see everything (or their province); province admins their province; nobody else anything. */
function provinceInScope(principal: Principal, asked: string | undefined): string | null {
  const own =
    principal.role === 'auditor'
      ? principal.provinceCode
      : principal.role === 'province_admin' && principal.provinceCode
        ? principal.provinceCode
        : undefined;
  if (own === undefined) throw outOfScope('The audit trail is open to auditors and province admins only.');
  if (own === null) return asked ?? null;
  if (asked !== undefined && asked !== own) throw outOfScope('This province is outside your scope.');
  return own;
}

function toItem(view: AuditEventView): AuditEventItem {
  return {
    sequence: view.sequence,
    eventId: view.id,
    type: view.type,
    topic: view.topic,
    action: view.action,
    occurredAt: view.occurredAt,
    receivedAt: view.receivedAt,
    actor: {
      accountId: view.actorId,
      facilityId: view.actorFacilityId,
      provinceCode: view.actorProvinceCode,
    },
    subjectIds: view.subjectIds,
    facilityId: view.facilityId,
    provinceCode: view.provinceCode,
    outcome: view.outcome,
    purpose: view.purpose,
    origin: view.origin,
    fieldsTouched: view.fieldsTouched,
    details: view.details,
  };
}


/**
 * Opaque to clients, who pass back the `nextCursor` they were given: a version and the sequence to continue
 * below. Its shape is `cursorPattern`, which the query schema documents and checks.
 */
export function encodeCursor(sequence: number): string {
  return `v1.${sequence}`;
}

export function decodeCursor(cursor: string): number {
  const match = cursorPattern.exec(cursor);
  if (!match) throw validationError('validation_failed', 'The cursor is not one this API returned.', [{ field: 'cursor', problem: 'not a cursor' }]);
  return Number(match[1]);
}

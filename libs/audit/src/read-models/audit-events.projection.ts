/**
 * The query side of the trail: one document per entry (`audit_events`, filters by actor, type, facility,
 * province and time) and one per entry and subject (`audit_subject_events`, the "who looked at whom" index,
 * since a search touches several subjects). Both carry the entry's sequence as their position, so replays are
 * harmless and the cursor of the events query is simply a sequence.
 *
 * The documents are an index into the trail, not a copy of it: they hold the fields queries filter on and the
 * entry's event id; the query reads the entries themselves from the trail and derives each answer with
 * `auditEventView`. (Documents written before kept the whole view; they still index the same fields.)
 */
import type {
  CollectionDefinition,
  Projection,
  ReadModelCollection,
  ReadModelStore,
  RecordedEvent,
} from '@vaxledger/kernel';
import type { CanonicalValue } from '../domain/canonical-json';
import type { TrailEntry } from '../domain/trail-entry';
import { trailEntryAsEvent, trailEntryEventType } from '../trail/trail-event-log';

export interface AuditEventView {
  /** The event id. */
  id: string;
  sequence: number;
  type: string;
  topic: string;
  action: string | null;
  /** CloudEvent time normalised to UTC, so ranges compare as text. */
  occurredAt: string;
  receivedAt: string;
  actorId: string | null;
  actorFacilityId: string | null;
  actorProvinceCode: string | null;
  facilityId: string | null;
  provinceCode: string | null;
  subjectIds: string[];
  outcome: string | null;
  purpose: string | null;
  origin: { ip: string | null; userAgent: string | null } | null;
  /** Names of the fields the event touched (values never kept). */
  fieldsTouched: string[];
  details: { [key: string]: CanonicalValue };
}

/** What `audit_events` stores per entry: the filter fields and the way back to the trail entry (its event id). */
export interface AuditEventIndexEntry {
  /** The event id. */
  id: string;
  sequence: number;
  type: string;
  occurredAt: string;
  actorId: string | null;
  facilityId: string | null;
  provinceCode: string | null;
  /** Kept so retention and a range replay can remove the entry's subject postings. */
  subjectIds: string[];
}

export function auditEventIndexEntry(view: AuditEventView): AuditEventIndexEntry {
  return {
    id: view.id,
    sequence: view.sequence,
    type: view.type,
    occurredAt: view.occurredAt,
    actorId: view.actorId,
    facilityId: view.facilityId,
    provinceCode: view.provinceCode,
    subjectIds: view.subjectIds,
  };
}

/** The filter fields of a view, repeated per subject so a subject query filters in one index walk. */
export interface AuditSubjectEventView {
  id: string;
  subjectId: string;
  sequence: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actorId: string | null;
  facilityId: string | null;
  provinceCode: string | null;
}

export const auditEventsCollection: CollectionDefinition = {
  name: 'audit_events',
  indexes: [
    { fields: ['sequence'], unique: true },
    { fields: ['actorId', 'sequence'] },
    { fields: ['type', 'sequence'] },
    { fields: ['facilityId', 'sequence'] },
    { fields: ['provinceCode', 'sequence'] },
  ],
};

export const auditSubjectEventsCollection: CollectionDefinition = {
  name: 'audit_subject_events',
  indexes: [{ fields: ['subjectId', 'sequence'] }, { fields: ['sequence'] }],
};

export function auditEventView(entry: TrailEntry): AuditEventView {
  const payload = entry.payload;
  const text = (value: CanonicalValue | undefined) => (typeof value === 'string' ? value : null);
  const ip = text(payload.ip);
  const userAgent = text(payload.userAgent);
  const changed = [payload.changedFields, payload.fieldsChanged].flatMap((list) =>
    Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : [],
  );
  return {
    id: entry.eventId,
    sequence: entry.sequence,
    type: entry.type,
    topic: entry.topic,
    action: text(payload.action),
    occurredAt: utc(entry.occurredAt),
    receivedAt: entry.receivedAt,
    actorId: entry.actor.accountId,
    actorFacilityId: entry.actor.facilityId,
    actorProvinceCode: entry.actor.provinceCode,
    facilityId: entry.facilityId,
    provinceCode: entry.provinceCode,
    subjectIds: entry.subjectIds,
    outcome: text(payload.outcome) ?? text(payload.result),
    purpose: text(payload.purpose),
    origin: ip || userAgent ? { ip, userAgent } : null,
    fieldsTouched: [...new Set([...changed, ...entry.maskedFields])].sort(),
    details: payload,
  };
}

function subjectViews(view: AuditEventView): AuditSubjectEventView[] {
  return view.subjectIds.map((subjectId) => ({
    id: `${view.sequence}:${subjectId}`,
    subjectId,
    sequence: view.sequence,
    eventId: view.id,
    type: view.type,
    occurredAt: view.occurredAt,
    actorId: view.actorId,
    facilityId: view.facilityId,
    provinceCode: view.provinceCode,
  }));
}

function utc(time: string): string {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? time : new Date(parsed).toISOString();
}

/** Opens the two collections (indexes included); shared by the projection and the query. */
export async function openAuditEventCollections(readModels: ReadModelStore) {
  const [events, subjects] = await Promise.all([
    readModels.collection<AuditEventIndexEntry>(auditEventsCollection),
    readModels.collection<AuditSubjectEventView>(auditSubjectEventsCollection),
  ]);
  return { events, subjects };
}

export class AuditEventsProjection implements Projection {
  readonly name = 'audit-events';
  readonly handles: ReadonlySet<string> = new Set([trailEntryEventType]);
  private collections: Promise<{
    events: ReadModelCollection<AuditEventIndexEntry>;
    subjects: ReadModelCollection<AuditSubjectEventView>;
  }> | null = null;

  constructor(private readonly readModels: ReadModelStore) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const views = events
      .filter((event) => event.type === trailEntryEventType)
      .map((event) => auditEventView(event.data as TrailEntry));
    if (views.length === 0) return;
    const { events: eventCollection, subjects } = await this.open();
    await eventCollection.upsertMany(
      views.map((view) => ({ doc: auditEventIndexEntry(view), position: view.sequence })),
    );
    const perSubject = views.flatMap(subjectViews);
    if (perSubject.length > 0)
      await subjects.upsertMany(perSubject.map((doc) => ({ doc, position: doc.sequence })));
  }

  async reset(): Promise<void> {
    const { events, subjects } = await this.open();
    await events.clear();
    await subjects.clear();
  }

  /** Drops the views of entries up to `sequence` (after retention removed them from the trail). */
  async forgetThrough(sequence: number): Promise<number> {
    const { events, subjects } = await this.open();
    let removed = 0;
    for (;;) {
      const page = await events.find(
        { sequence: { $lte: sequence } },
        { limit: 1000, sort: [['sequence', 1]] },
      );
      if (page.length === 0) break;
      for (const view of page) {
        await events.delete(view.id, Number.MAX_SAFE_INTEGER);
        for (const subjectId of view.subjectIds)
          await subjects.delete(`${view.sequence}:${subjectId}`, Number.MAX_SAFE_INTEGER);
      }
      removed += page.length;
    }
    return removed;
  }

  /** Re-derives the views of the given entries, replacing whatever is stored for them (replay --rebuild of a range). */
  async reapply(entries: TrailEntry[]): Promise<void> {
    const { events, subjects } = await this.open();
    for (const entry of entries) {
      const stale = await events.get(entry.eventId);
      await events.delete(entry.eventId, Number.MAX_SAFE_INTEGER);
      for (const subjectId of new Set([...(stale?.subjectIds ?? []), ...entry.subjectIds])) {
        await subjects.delete(`${entry.sequence}:${subjectId}`, Number.MAX_SAFE_INTEGER);
      }
    }
    await this.applyBatch(entries.map(trailEntryAsEvent));
  }

  private open() {
    this.collections ??= openAuditEventCollections(this.readModels).catch((error: unknown) => {
      this.collections = null;
      throw error;
    });
    return this.collections;
  }
}

/**
 * A projection that keeps one document per subject by folding that subject's events into it. Writes carry
 * the event's global position, so a replay never overwrites newer state; rebuilds fold a whole page of the
 * log in memory and write each touched document once.
 */
import type { Projection, ReadModelCollection, ReadModelDocument, RecordedEvent } from '@vaxledger/kernel';

export abstract class FoldingProjection<TDoc extends ReadModelDocument> implements Projection {
  abstract readonly name: string;
  abstract readonly handles: ReadonlySet<string>;

  constructor(protected readonly collection: ReadModelCollection<TDoc>) {}

  /** The document after the event; null leaves the document as it is (unknown events, missing documents). */
  protected abstract fold(current: TDoc | null, event: RecordedEvent): TDoc | null;

  /** True for events whose fold ignores the current document (they create it), so it is not read first. */
  protected createsDocument(_event: RecordedEvent): boolean {
    return false;
  }

  /** Which document an event belongs to. */
  protected documentIdOf(event: RecordedEvent): string | null {
    const id = (event.data as { subjectId?: unknown } | null)?.subjectId;
    return typeof id === 'string' ? id : null;
  }

  async apply(event: RecordedEvent): Promise<void> {
    const id = this.documentIdOf(event);
    if (!id) return;
    const current = this.createsDocument(event) ? null : await this.collection.get(id);
    const next = this.fold(current, event);
    if (next) await this.collection.upsert(next, event.position);
  }

  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const touched = new Map<string, { doc: TDoc; position: number }>();
    for (const event of events) {
      const id = this.documentIdOf(event);
      if (!id) continue;
      const current =
        touched.get(id)?.doc ?? (this.createsDocument(event) ? null : await this.collection.get(id));
      const next = this.fold(current, event);
      if (next) touched.set(id, { doc: next, position: event.position });
    }
    await this.collection.upsertMany([...touched.values()]);
  }

  async reset(): Promise<void> {
    await this.collection.clear();
  }
}

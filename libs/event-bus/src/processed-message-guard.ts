/**
 * Makes a bus handler idempotent by CloudEvent id. Delivery is at-least-once, so a message can arrive again
 * after a crash, a rebalance or a relay restart; the guard remembers which ids a consumer group has handled.
 */
import type { CloudEvent, DeliveredMessage, DeliveryContext, KeyValueStore } from '@vaxledger/kernel';

export interface ProcessedMessageGuardOptions {
  groupId: string;
  /**
   * How long a handled id is remembered. It must outlive any redelivery window (Kafka retention, relay
   * catch-up); default 7 days, Kafka's default retention.
   */
  ttlMs?: number;
}

/** Any topic's handler: the guard reads only the message id and where it was delivered. */
type Handler<TData> = (message: CloudEvent<TData>, context: DeliveryContext) => Promise<void>;
type BatchHandler<TData> = (batch: DeliveredMessage<TData>[]) => Promise<void>;

const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;

export class ProcessedMessageGuard {
  private readonly ttlMs: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: ProcessedMessageGuardOptions,
  ) {
    this.ttlMs = options.ttlMs ?? sevenDaysMs;
  }

  /**
   * Skips a message whose id is already marked; otherwise runs the handler and marks the id only after it
   * succeeded, so a crash mid-handler re-runs it. Two members handling the same id at the very same moment can
   * both run it: handlers still need to tolerate that rare overlap (projections do, by position or id).
   */
  wrap<TData>(handler: Handler<TData>): Handler<TData> {
    return async (message, context) => {
      const key = this.keyFor(message.id);
      if ((await this.store.get(key)) !== null) return;
      await handler(message, context);
      // Where it was handled, not what: the value must stay free of personal data like the key.
      await this.store.setIfAbsent(
        key,
        `${context.topic}/${context.partition}/${context.offset}`,
        this.ttlMs,
      );
    };
  }

  /**
   * The same for a batch, in two key-value round trips instead of two per message: the batch handler sees only
   * the messages not yet handled (the first copy of an id repeated within the batch), and their ids are marked
   * once it succeeded.
   */
  wrapBatch<TData>(handler: BatchHandler<TData>): BatchHandler<TData> {
    return async (batch) => {
      const marks = await this.store.getMany(batch.map(({ message }) => this.keyFor(message.id)));
      const seen = new Set<string>();
      const fresh: DeliveredMessage<TData>[] = [];
      batch.forEach((delivered, index) => {
        if (marks[index] !== null || seen.has(delivered.message.id)) return;
        seen.add(delivered.message.id);
        fresh.push(delivered);
      });
      if (fresh.length === 0) return;
      await handler(fresh);
      await this.store.setMany(
        fresh.map(({ message, context }) => ({
          key: this.keyFor(message.id),
          value: `${context.topic}/${context.partition}/${context.offset}`,
        })),
        this.ttlMs,
      );
    };
  }

  async isProcessed(eventId: string): Promise<boolean> {
    return (await this.store.get(this.keyFor(eventId))) !== null;
  }

  private keyFor(eventId: string): string {
    return `processed:${this.options.groupId}:${eventId}`;
  }
}

import type { RecordedEvent } from './events';
import type { TopicPayloads } from '@vaxledger/contracts';
import type { CloudEvent, EventBus, TopicMap, TopicOf } from './ports/event-bus';
import type { EventStore, Subscription } from './ports/event-store';
import type { ReadModelStore } from './ports/read-model-store';
import { noUpcasters, type UpcasterRegistry } from './upcasters';

/** One message for one topic of the map, its payload typed by the topic. */
export type TopicMessage<M extends TopicMap = TopicPayloads> = {
  [T in TopicOf<M>]: { topic: T; message: CloudEvent<M[T]> };
}[TopicOf<M>];

/** Maps a stored domain event to zero or more public integration messages (topic + CloudEvent). */
export type IntegrationMapper<M extends TopicMap = TopicPayloads> = (event: RecordedEvent) => Array<TopicMessage<M>>;

export interface RelayOptions {
  name: string;
  upcasters?: UpcasterRegistry;
  onPublished?: (count: number) => void;
}

/**
 * Outbox relay: reads the event store from its checkpoint a page at a time, publishes the mapped integration
 * events and only then moves the checkpoint. A crash between publish and checkpoint re-publishes (consumers dedupe by event
 * id); nothing acknowledged by the store is ever skipped.
 */
export class EventRelay<M extends TopicMap = TopicPayloads> {
  private subscription: Subscription | null = null;
  private readonly upcasters: UpcasterRegistry;

  constructor(
    private readonly store: EventStore,
    private readonly bus: EventBus<M>,
    private readonly checkpoints: Pick<ReadModelStore, 'getCheckpoint' | 'saveCheckpoint'>,
    private readonly mapper: IntegrationMapper<M>,
    private readonly options: RelayOptions,
  ) {
    this.upcasters = options.upcasters ?? noUpcasters;
  }

  get checkpointName(): string {
    return `relay:${this.options.name}`;
  }

  async start(): Promise<void> {
    const after = await this.checkpoints.getCheckpoint(this.checkpointName);
    await new Promise<void>((resolve) => {
      this.subscription = this.store.subscribeToAll({
        after,
        // A page at a time: one publish per topic and one checkpoint per page, not per event. Per-key order
        // holds because a page keeps the log's order within each topic.
        onEvents: async (page) => {
          const byTopic = new Map<TopicOf<M>, CloudEvent<M[TopicOf<M>]>[]>();
          let published = 0;
          for (const raw of page) {
            for (const { topic, message } of this.mapper(this.upcasters.upcast(raw))) {
              const list = byTopic.get(topic) ?? [];
              list.push(message);
              byTopic.set(topic, list);
              published++;
            }
          }
          for (const [topic, messages] of byTopic) await this.publishWithRetry(topic, messages);
          await this.checkpoints.saveCheckpoint(this.checkpointName, page[page.length - 1].position);
          if (published) this.options.onPublished?.(published);
        },
        onCaughtUp: () => resolve(),
      });
    });
  }

  /** The broker may be restarting: keep trying with back-off rather than skip or crash. */
  private async publishWithRetry(topic: TopicOf<M>, messages: CloudEvent<M[TopicOf<M>]>[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.bus.publish(topic, messages);
        return;
      } catch (error) {
        if (this.subscription === null) throw error;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = null;
    await s?.stop();
  }
}

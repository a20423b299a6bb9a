/**
 * The `@nestjs/microservices` custom transport over the EventBus port: consumers declare `@EventPattern(topic,
 * { group })` methods, and this server subscribes one consumer group per `group` through whichever adapter the
 * process runs (Kafka in distributed mode, the in-process bus in standalone), so both deliver to the same
 * handlers. What Nest's built-in transports do not promise, it keeps:
 * - at-least-once: a handler's promise (or observable) is awaited and its failure rethrown to the bus, which
 *   retries and dead-letters it, and commits the offset only after the handler succeeded;
 * - idempotence: messages already handled by the group are skipped by CloudEvent id (ProcessedMessageGuard),
 *   unless the consumer's own storage refuses duplicates (`dedupesByMessageId`);
 * - batches: several waiting messages of one partition are handled concurrently across partition keys and in
 *   order within one; a batch that fails is delivered again one message at a time.
 */
import { MetadataScanner } from '@nestjs/core';
import { BaseRpcContext, type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { ListenerMetadataExplorer } from '@nestjs/microservices/listener-metadata-explorer';
import type { TopicName } from '@vaxledger/contracts';
import { ProcessedMessageGuard } from '@vaxledger/event-bus';
import type { BusSubscription, CloudEvent, DeliveredMessage, DeliveryContext, EventBus, KeyValueStore } from '@vaxledger/kernel';
import { lastValueFrom } from 'rxjs';

/** The extras of a consumer's `@EventPattern(topic, extras)`. */
export interface BusPatternExtras {
  /** Consumer group, unique per consuming purpose within the service (`<service>.<group>` on the bus). */
  group: string;
  /** The consumer's own storage already refuses a second copy of a message id: skip the processed-message marks. */
  dedupesByMessageId?: boolean;
}

/** What an `@EventPattern` handler gets as `@Ctx()`: where the message came from and which attempt this is. */
export class BusContext extends BaseRpcContext<[DeliveryContext]> {
  getDelivery(): DeliveryContext {
    return this.args[0];
  }

  /** The public topic name (never a deployment namespace prefix). */
  getTopic(): string {
    return this.args[0].topic;
  }

  getAttempt(): number {
    return this.args[0].attempt;
  }
}

interface ConsumerGroup {
  dedupesByMessageId: boolean;
  handlers: Map<string, MessageHandler>;
}

export interface EventBusServerOptions {
  /** Prefix of every consumer group, the service's name. */
  service: string;
  bus: EventBus;
  /** Where the processed-message marks of each group live. */
  kv: KeyValueStore;
}

export class EventBusServer extends Server implements CustomTransportStrategy {
  private subscriptions: BusSubscription[] = [];

  constructor(private readonly options: EventBusServerOptions) {
    super();
  }

  /**
   * Registers the `@EventPattern` methods of consumer objects, as Nest's listeners controller does for the
   * controllers of a microservice; the pipeline binds its consumers itself so that they subscribe before any
   * relay publishes, in the Nest app, the standalone pipeline process and the CLI alike.
   */
  bindConsumers(consumers: readonly object[]): void {
    const explorer = new ListenerMetadataExplorer(new MetadataScanner());
    for (const consumer of consumers) {
      const listeners = explorer.explore(consumer);
      if (listeners.length === 0) throw new Error(`${consumer.constructor.name} declares no @EventPattern handler`);
      for (const listener of listeners) {
        if (!listener.isEventHandler) throw new Error(`${consumer.constructor.name}.${listener.methodKey}: the bus carries events, use @EventPattern`);
        if (typeof listener.extras?.group !== 'string') throw new Error(`${consumer.constructor.name}.${listener.methodKey}: @EventPattern needs { group }`);
        for (const pattern of listener.patterns) this.addHandler(pattern, listener.targetCallback.bind(consumer), true, listener.extras);
      }
    }
  }

  /** Subscribes one consumer group per `group` of the registered handlers, then calls back (Nest's contract). */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [groupId, group] of this.consumerGroups()) this.subscriptions.push(await this.subscribe(groupId, group));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    for (const subscription of subscriptions) await subscription.stop();
  }

  on(): never {
    throw new Error('the event bus server reports no transport events');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  /** The handlers of every `group`, by topic; Nest chains event handlers of one pattern through `next`. */
  private consumerGroups(): Map<string, ConsumerGroup> {
    const groups = new Map<string, ConsumerGroup>();
    for (const [topic, head] of this.messageHandlers) {
      for (let handler: MessageHandler | undefined = head; handler; handler = handler.next) {
        const extras = handler.extras as BusPatternExtras;
        const groupId = `${this.options.service}.${extras.group}`;
        const group = groups.get(groupId) ?? { dedupesByMessageId: false, handlers: new Map<string, MessageHandler>() };
        if (group.handlers.has(topic)) throw new Error(`consumer group ${groupId} has two handlers for ${topic}`);
        group.handlers.set(topic, handler);
        group.dedupesByMessageId ||= extras.dedupesByMessageId === true;
        groups.set(groupId, group);
      }
    }
    return groups;
  }

  private subscribe(groupId: string, group: ConsumerGroup): Promise<BusSubscription> {
    const handle = async (message: CloudEvent, delivery: DeliveryContext): Promise<void> => {
      const handler = group.handlers.get(delivery.topic);
      // Only the topics subscribed reach the group; a message of any other is not this group's to handle.
      if (!handler) return;
      await lastValueFrom(this.transformToObservable(await handler(message, new BusContext([delivery]))), { defaultValue: undefined });
    };
    const handleBatch = (batch: DeliveredMessage[]) => handleConcurrentlyByKey(batch, ({ message, context }) => handle(message, context));
    const guard = new ProcessedMessageGuard(this.options.kv, { groupId });
    return this.options.bus.subscribe({
      groupId,
      topics: [...group.handlers.keys()] as TopicName[],
      handler: group.dedupesByMessageId ? handle : guard.wrap(handle),
      batchHandler: group.dedupesByMessageId ? handleBatch : guard.wrapBatch(handleBatch),
    });
  }
}

/**
 * Runs `handle` for every message: concurrently across partition keys (aggregates), strictly in order within
 * one. Waits for all before reporting the first failure, so a batch that falls back to one-by-one delivery
 * never races its own leftovers.
 */
export async function handleConcurrentlyByKey(
  batch: DeliveredMessage[],
  handle: (delivered: DeliveredMessage) => Promise<void>,
): Promise<void> {
  const byKey = new Map<string, DeliveredMessage[]>();
  for (const delivered of batch) {
    const queue = byKey.get(delivered.message.partitionkey);
    if (queue) queue.push(delivered);
    else byKey.set(delivered.message.partitionkey, [delivered]);
  }
  const outcomes = await Promise.allSettled(
    [...byKey.values()].map(async (queue) => {
      for (const delivered of queue) await handle(delivered);
    }),
  );
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

import type { TopicPayloads } from '@vaxledger/contracts';

/**
 * A CloudEvents 1.0 structured-mode message. `partitionkey` (the CloudEvents partitioning extension) is the
 * aggregate id; it becomes the Kafka key, so it never holds personal data.
 */
export interface CloudEvent<TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: 'application/json';
  subject?: string;
  partitionkey: string;
  /** Extension attributes carried from event metadata. */
  correlationid?: string;
  causationid?: string | null;
  /** Who acted (account, facility, province ids from event metadata), so the audit trail can attribute writes. */
  actorid?: string;
  actorfacilityid?: string;
  actorprovincecode?: string;
  data: TData;
}

export interface DeliveryContext {
  topic: string;
  partition: number;
  offset: string;
  /** How many times this message has been handed to this consumer group's handler (1 on the first try). */
  attempt: number;
}

/**
 * A map from topic name to the CloudEvents `data` it carries. The system's own is `TopicPayloads`
 * (libs/contracts); an adapter's contract tests use `AnyTopics`, since an adapter moves any topic.
 */
export type TopicMap = Record<string, unknown>;
export type AnyTopics = Record<string, unknown>;
export type TopicOf<M extends TopicMap> = keyof M & string;

export interface SubscribeOptions<M extends TopicMap = TopicPayloads, T extends TopicOf<M> = TopicOf<M>> {
  /** Consumer group: every group gets every message; within a group each message goes to one member. */
  groupId: string;
  topics: T[];
  /** Start of a new group: earliest (default) or latest. */
  fromBeginning?: boolean;
  /** A message whose handler keeps failing after this many attempts is parked on `<topic>.dlq`. Default 5. */
  maxAttempts?: number;
  handler(message: CloudEvent<M[T]>, context: DeliveryContext): Promise<void>;
  /**
   * Optional: handles several consecutive messages of one partition at once, so a consumer can write them in
   * one transaction. Adapters use it when more than one message is waiting. If it throws, or a message of the
   * batch cannot be read, the adapter hands that batch to `handler` one message at a time instead, so retries
   * and dead-lettering stay per message; it must therefore be as idempotent as `handler`.
   */
  batchHandler?(batch: DeliveredMessage<M[T]>[]): Promise<void>;
  /** Most messages per `batchHandler` call (default 500). */
  maxBatchSize?: number;
}

export interface DeliveredMessage<TData = unknown> {
  message: CloudEvent<TData>;
  context: DeliveryContext;
}

export interface BusSubscription {
  stop(): Promise<void>;
}

/**
 * The message bus port, typed against a topic map: publishing to a topic the map does not name, or a payload
 * that is not that topic's, does not compile. Adapters: KafkaEventBus (distributed), InProcessEventBus
 * (standalone); they move any topic (`EventBus<AnyTopics>`) and are handed to services as `EventBus`.
 */
export interface EventBus<M extends TopicMap = TopicPayloads> {
  /** Resolves once the broker acknowledged every message (acks=all); per-key order is kept. */
  publish<T extends TopicOf<M>>(topic: T, messages: CloudEvent<M[T]>[]): Promise<void>;
  /** At-least-once delivery; a handler's failure is retried, then the message is dead-lettered. */
  subscribe<T extends TopicOf<M>>(options: SubscribeOptions<M, T>): Promise<BusSubscription>;
  close(): Promise<void>;
}

export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

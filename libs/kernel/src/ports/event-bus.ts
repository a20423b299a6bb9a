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

export interface SubscribeOptions {
  /** Consumer group: every group gets every message; within a group each message goes to one member. */
  groupId: string;
  topics: string[];
  /** Start of a new group: earliest (default) or latest. */
  fromBeginning?: boolean;
  /** A message whose handler keeps failing after this many attempts is parked on `<topic>.dlq`. Default 5. */
  maxAttempts?: number;
  handler: (message: CloudEvent, context: DeliveryContext) => Promise<void>;
  /**
   * Optional: handles several consecutive messages of one partition at once, so a consumer can write them in
   * one transaction. Adapters use it when more than one message is waiting. If it throws, or a message of the
   * batch cannot be read, the adapter hands that batch to `handler` one message at a time instead, so retries
   * and dead-lettering stay per message; it must therefore be as idempotent as `handler`.
   */
  batchHandler?: (batch: DeliveredMessage[]) => Promise<void>;
  /** Most messages per `batchHandler` call (default 500). */
  maxBatchSize?: number;
}

export interface DeliveredMessage {
  message: CloudEvent;
  context: DeliveryContext;
}

export interface BusSubscription {
  stop(): Promise<void>;
}

/** The message bus port. Adapters: KafkaEventBus (distributed), InProcessEventBus (standalone). */
export interface EventBus {
  /** Resolves once the broker acknowledged every message (acks=all); per-key order is kept. */
  publish(topic: string, messages: CloudEvent[]): Promise<void>;
  /** At-least-once delivery; a handler's failure is retried, then the message is dead-lettered. */
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  close(): Promise<void>;
}

export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

/**
 * The distributed message bus on Kafka. Messages are CloudEvents in structured JSON mode, keyed by partition key
 * (aggregate id) so one aggregate's events stay in one partition and in order. Publishing uses an idempotent
 * producer and waits for all in-sync replicas. Consumers commit an offset only after the handler succeeded or the
 * message was parked on `<topic>.dlq`, so a member that dies mid-message leaves it for the group's next member.
 */
import { randomUUID } from 'node:crypto';
import { createTopicsAndAwaitLeaders } from './kafka-topics';
import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  type LogEntry,
  type Producer,
  Partitioners,
  logLevel,
} from 'kafkajs';
import type { AnyTopics, BusSubscription, CloudEvent, Clock, EventBus, SubscribeOptions } from '@vaxledger/kernel';
import { deadLetterTopic, systemClock } from '@vaxledger/kernel';
import { assertCloudEvent, cloudEventContentType, parseCloudEvent, serializeCloudEvent } from '@vaxledger/kernel';
import type { BusLogger } from './bus-logger';
import {
  type DeadLetter,
  type DeadLetterInspection,
  deadLetterFromRecord,
  deadLetterHeadersFor,
} from './dead-letter';
import { type KafkaSecurity, kafkaJsSecurity } from './kafka-security';
import {
  StopSignal,
  defaultRetryBackoffMs,
  deliverBatchOnce,
  deliverWithRetries,
  validMaxAttempts,
  validMaxBatchSize,
} from './delivery-attempts';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  /** SASL principal and TLS of the connection; without it the bus speaks PLAINTEXT (local tests of old). */
  security?: KafkaSecurity;
  /** Receives kafkajs' own warnings and errors too; without it they go to kafkajs' console logger at WARN. */
  logger?: BusLogger;
  /** Partitions of topics this bus creates (default 3). */
  partitions?: number;
  /** Replication of topics this bus creates; -1 (default) takes the broker's default. */
  replicationFactor?: number;
  /** How long the broker waits for a silent member before rebalancing its partitions away (default 30 s). */
  sessionTimeoutMs?: number;
  /** Default 3 s; keep it well under a third of the session timeout. */
  heartbeatIntervalMs?: number;
  /** How long a fetch may wait for data; bounds how long stopping a consumer takes (default 1 s). */
  maxWaitTimeMs?: number;
  /** Partitions one subscription works on at once; each partition is still handled strictly in order. */
  partitionsConsumedConcurrently?: number;
  /** First retry delay; doubles per attempt. */
  retryBackoffMs?: number;
  /**
   * Prefix of every topic and consumer group on the broker (`<namespace>.<topic>`), so several deployments or
   * test runs can share one cluster without reading each other's messages. Handlers still see plain names.
   */
  namespace?: string;
  /**
   * Topic configuration the bus applies when it creates a topic itself (plain topic name → config entries),
   * e.g. the checkpoint topic's `cleanup.policy=compact, retention.ms=-1` from the contracts' topic access map.
   * Without it a topic the bus creates takes the broker's defaults (delete after the broker's retention).
   */
  topicConfig?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  clock?: Clock;
}

interface KafkaSubscription {
  consumer: Consumer;
  stop: StopSignal;
}

// Offsets are committed at the end of every batch and, within long batches, every this many messages.
const commitEveryMessages = 100;
const commitEveryMs = 1000;
const deadLetterInspectionTimeoutMs = 30_000;

export class KafkaEventBus implements EventBus<AnyTopics>, DeadLetterInspection {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly ensuredTopics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly clock: Clock;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: KafkaEventBusOptions) {
    if (options.brokers.length === 0) throw new RangeError('KafkaEventBus needs at least one broker address');
    this.clock = options.clock ?? systemClock;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...kafkaJsSecurity(options.security),
      logLevel: logLevel.WARN,
      ...(options.logger ? { logCreator: kafkaLogCreator(options.logger) } : {}),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java-compatible murmur2 partitioner: other clients reading our topics agree on key placement.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  /** Resolves once every in-sync replica has the messages (acks = all). */
  async publish(publicTopic: string, messages: CloudEvent[]): Promise<void> {
    if (messages.length === 0) return;
    const topic = this.onBroker(publicTopic);
    // Check the whole batch first so a bad message does not leave half a batch published.
    for (const message of messages) assertCloudEvent(message);
    await this.connect();
    await this.ensureTopic(topic);
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        // The partition key is an aggregate id and the only header a content type: no personal data leaves
        // the value, which consumers are trusted with.
        key: message.partitionkey,
        value: serializeCloudEvent(message),
        headers: { 'content-type': cloudEventContentType },
      })),
    });
  }

  async subscribe<T extends string>(publicOptions: SubscribeOptions<AnyTopics, T>): Promise<BusSubscription> {
    if (publicOptions.topics.length === 0) throw new RangeError('subscribe needs at least one topic');
    const options: SubscribeOptions<AnyTopics> = {
      ...publicOptions,
      groupId: this.onBroker(publicOptions.groupId),
      topics: publicOptions.topics.map((topic) => this.onBroker(topic)),
    };
    const maxAttempts = validMaxAttempts(options.maxAttempts);
    await this.connect();
    await Promise.all(options.topics.map((topic) => this.ensureTopic(topic)));

    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    const subscription: KafkaSubscription = { consumer, stop: new StopSignal() };
    this.subscriptions.add(subscription);

    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.options.logger?.error(
        { err: payload.error, groupId: payload.groupId, restart: payload.restart },
        'kafka consumer crashed',
      );
    });

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
      // run() returns once the member has joined the group and received its partitions, so a caller that
      // publishes right after subscribe does not race the group join.
      await consumer.run({
        autoCommit: false,
        autoCommitInterval: commitEveryMs,
        autoCommitThreshold: commitEveryMessages,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.consumeBatch(payload, options, maxAttempts, subscription.stop),
      });
    } catch (error) {
      this.subscriptions.delete(subscription);
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }

    return {
      stop: async () => {
        subscription.stop.stop();
        this.subscriptions.delete(subscription);
        // Leaves the group, so its partitions move to the remaining members at once.
        await consumer.disconnect();
      },
    };
  }

  /** Reads `<topic>.dlq` from its start to its current end. */
  async deadLetters(publicTopic: string): Promise<DeadLetter[]> {
    await this.connect();
    const dlq = deadLetterTopic(this.onBroker(publicTopic));
    return (await this.readToEnd(dlq, `${this.options.clientId}.dead-letter-inspection.${randomUUID()}`)).map(toDeadLetter);
  }

  /**
   * Every message of `topic` from its start to its current end, outside any consumer group's offsets (a
   * compacted topic keeps the latest per key). Audit's verify reads the anchored checkpoints this way.
   * `groupPrefix` is the reading service's own group prefix (`<role>.<purpose>`, as the ACLs allow); a fresh
   * group under it is used once.
   */
  async readFromStart(publicTopic: string, groupPrefix: string): Promise<CloudEvent[]> {
    await this.connect();
    return (await this.readToEnd(this.onBroker(publicTopic), this.onBroker(`${groupPrefix}.${randomUUID()}`))).map((message) =>
      parseCloudEvent(message.value ?? ''),
    );
  }

  private async readToEnd(topic: string, groupId: string): Promise<KafkaMessage[]> {
    if (!(await this.admin.listTopics()).includes(topic)) return [];
    const ends = (await this.admin.fetchTopicOffsets(topic)).filter(
      (entry) => BigInt(entry.high) > BigInt(entry.low),
    );
    if (ends.length === 0) return [];

    const remaining = new Map(ends.map((entry) => [entry.partition, BigInt(entry.high)]));
    const found: KafkaMessage[] = [];
    const consumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out reading ${topic} to its end`)),
          deadLetterInspectionTimeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = remaining.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              found.push(message);
              if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error);
          });
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found;
  }

  async close(): Promise<void> {
    this.closed = true;
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    for (const subscription of subscriptions) subscription.stop.stop();
    await Promise.all(
      subscriptions.map((subscription) => subscription.consumer.disconnect().catch(() => undefined)),
    );
    if (this.connecting) {
      await this.connecting.catch(() => undefined);
      await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
      this.connecting = null;
    }
  }

  private async consumeBatch(
    {
      batch,
      resolveOffset,
      heartbeat,
      commitOffsetsIfNecessary,
      uncommittedOffsets,
      isRunning,
      isStale,
    }: EachBatchPayload,
    options: SubscribeOptions<AnyTopics>,
    maxAttempts: number,
    stop: StopSignal,
  ): Promise<void> {
    const maxBatchSize = validMaxBatchSize(options.maxBatchSize);
    const context = (message: KafkaMessage) => ({
      topic: this.publicName(batch.topic),
      partition: batch.partition,
      offset: message.offset,
    });
    const running = () => isRunning() && !isStale() && !stop.isStopped;
    for (let start = 0; start < batch.messages.length && running(); start += maxBatchSize) {
      const slice = batch.messages.slice(start, start + maxBatchSize);
      if (options.batchHandler && slice.length > 1) {
        const outcome = await deliverBatchOnce({
          records: slice.map((message) => ({ payload: message.value ?? '', context: context(message) })),
          batchHandler: options.batchHandler,
          stop,
        });
        if (outcome === 'abandoned') break;
        if (outcome === 'handled') {
          resolveOffset(slice[slice.length - 1].offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
          continue;
        }
      }
      // One at a time: no batch handler, a single message, or a batch that failed as a whole.
      let abandoned = false;
      for (const message of slice) {
        if (!running()) {
          abandoned = true;
          break;
        }
        const outcome = await deliverWithRetries({
          payload: message.value ?? '',
          context: context(message),
          handler: options.handler,
          maxAttempts,
          retryBackoffMs: this.options.retryBackoffMs ?? defaultRetryBackoffMs,
          stop,
          keepAlive: heartbeat,
        });
        // Not resolving the offset is the point: the group hands this message out again.
        if (outcome.kind === 'abandoned') {
          abandoned = true;
          break;
        }
        if (outcome.kind === 'dead-letter') {
          await this.deadLetter(
            batch.topic,
            batch.partition,
            message,
            options.groupId,
            outcome.error,
            outcome.attempts,
          );
        }
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      }
      if (abandoned) break;
    }
    const pending = uncommittedOffsets();
    if (pending.topics.length > 0) await commitOffsetsIfNecessary(pending);
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    groupId: string,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const headers = deadLetterHeadersFor({
      topic,
      partition,
      offset: message.offset,
      groupId,
      attempts,
      error,
      at: this.clock.now(),
    });
    this.options.logger?.warn(
      { topic, partition, offset: message.offset, groupId, attempts, error: headers['dlq-error'] },
      'message dead-lettered',
    );
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: { ...message.headers, ...headers } }],
    });
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('KafkaEventBus is closed'));
    if (!this.connecting) {
      this.connecting = Promise.all([this.producer.connect(), this.admin.connect()]).then(() => undefined);
      this.connecting.catch(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  /** The name on the broker of a topic or group, with the namespace. */
  private onBroker(name: string): string {
    return this.options.namespace ? `${this.options.namespace}.${name}` : name;
  }

  private publicName(brokerName: string): string {
    const prefix = this.options.namespace ? `${this.options.namespace}.` : '';
    return prefix && brokerName.startsWith(prefix) ? brokerName.slice(prefix.length) : brokerName;
  }

  /** Creates the topic and its dead-letter topic once per process; creating an existing topic is a no-op. */
  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.ensuredTopics.get(topic);
    if (!ensured && topic.endsWith('.dlq')) {
      // Dead-letter topics are created alongside their topic; no need to ask the broker again.
      ensured = this.ensuredTopics.get(topic.slice(0, -'.dlq'.length));
    }
    if (!ensured) {
      const names = topic.endsWith('.dlq') ? [topic] : [topic, deadLetterTopic(topic)];
      ensured = createTopicsAndAwaitLeaders(
        this.admin,
        names.map((name) => {
          const config = name.endsWith('.dlq') ? undefined : this.options.topicConfig?.[this.publicName(name)];
          return {
            topic: name,
            numPartitions: this.options.partitions ?? 3,
            replicationFactor: this.options.replicationFactor ?? -1,
            ...(config ? { configEntries: Object.entries(config).map(([name, value]) => ({ name, value })) } : {}),
          };
        }),
      );
      ensured.catch(() => this.ensuredTopics.delete(topic));
      this.ensuredTopics.set(topic, ensured);
    }
    return ensured;
  }
}

function toDeadLetter(message: KafkaMessage): DeadLetter {
  return deadLetterFromRecord({
    key: message.key?.toString('utf8') ?? null,
    payload: message.value?.toString('utf8') ?? '',
    headers: headerStrings(message.headers),
  });
}

function headerStrings(headers: IHeaders | undefined): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    result[name] = single?.toString();
  }
  return result;
}

function kafkaLogCreator(logger: BusLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, ...extra } = log;
      const entry = { ...extra, namespace };
      // kafkajs logs every error response of the wire protocol at ERROR, including the ones it retries or
      // expects (a group rebalancing, a topic that already exists); failures that matter surface as rejected
      // calls or consumer crashes, so the wire-level ones are warnings here.
      if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(entry, message);
      else if (level === logLevel.ERROR) logger.warn(entry, message);
      else if (level === logLevel.WARN) logger.warn(entry, message);
      else if (level === logLevel.INFO) logger.info(entry, message);
      else logger.debug(entry, message);
    };
}

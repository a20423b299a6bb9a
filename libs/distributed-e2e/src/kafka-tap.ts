/**
 * A witness on the wire: reads every vaxledger topic from the offsets they had when the run began, so the test
 * can compare what the services published with what a consumer (audit, registry) ended up keeping.
 */
import { type Admin, type Consumer, Kafka, logLevel } from 'kafkajs';
import { createTopicsAndAwaitLeaders, type KafkaSecurity, kafkaJsSecurity } from '@vaxledger/event-bus';
import { kafkaTestSecurity } from '@vaxledger/testing';

export interface TappedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The CloudEvent as published (structured JSON). */
  event: {
    id: string;
    type: string;
    source: string;
    partitionkey?: string;
    data?: unknown;
    [extension: string]: unknown;
  };
}

export class KafkaTap {
  private readonly received: TappedMessage[] = [];

  private constructor(
    private readonly admin: Admin,
    private readonly consumer: Consumer,
    private readonly groupId: string,
  ) {}

  static async open(options: {
    brokers: string[];
    topics: readonly string[];
    clientId: string;
    /** The witness reads every topic: the suites' principal (from `.engines/env.sh`) unless another is given. */
    security?: KafkaSecurity;
  }): Promise<KafkaTap> {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...kafkaJsSecurity(options.security ?? kafkaTestSecurity()),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = options.topics.filter((topic) => !existing.has(topic));
    // Same shape as the topics the services' buses create on first use, so their later creation is a no-op.
    await createTopicsAndAwaitLeaders(admin, missing.map((topic) => ({ topic, numPartitions: 3 })));
    const startOffsets = await Promise.all(
      options.topics.map(async (topic) => ({ topic, partitions: await offsetsOnceLed(admin, topic) })),
    );

    const groupId = `${options.clientId}.tap`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
    const tap = new KafkaTap(admin, consumer, groupId);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        if (!message.value) return;
        tap.received.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          event: JSON.parse(message.value.toString('utf8')),
        });
      },
    });
    // Exactly from where each partition ended before the services started, not from wherever "latest" is
    // when the group's first fetch happens to resolve it.
    // `run` resolves before kafkajs has built its consumer group on a busy broker, and `seek` refuses until it
    // has: wait for it rather than race it.
    const seekAll = () => {
      for (const { topic, partitions } of startOffsets) {
        for (const { partition, high } of partitions) consumer.seek({ topic, partition, offset: high });
      }
    };
    for (let attempt = 1; ; attempt++) {
      try {
        seekAll();
        break;
      } catch (error) {
        if (attempt >= 100 || !/not initialized/i.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return tap;
  }

  messages(): readonly TappedMessage[] {
    return this.received;
  }

  /** Distinct messages (by CloudEvent id; at-least-once delivery may repeat one) concerning `subjectId`. */
  concerning(subjectId: string): TappedMessage[] {
    const byId = new Map<string, TappedMessage>();
    for (const message of this.received) {
      const mentions =
        message.key === subjectId || JSON.stringify(message.event.data ?? null).includes(subjectId);
      if (mentions && !byId.has(message.event.id)) byId.set(message.event.id, message);
    }
    return [...byId.values()];
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}

/**
 * A topic created a moment ago may not have its partition leaders known to every broker connection yet
 * ("not the leader for that topic-partition"): ask again briefly instead of failing the run.
 */
async function offsetsOnceLed(admin: Admin, topic: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Creates topics and waits until every partition has a leader. kafkajs's own `waitForLeaders` gives up with
 * "This server does not host this topic-partition" when the metadata of a topic another client created a
 * moment earlier has not reached the broker's cache yet; that answer is retried here, within a bound.
 */
import type { Admin } from 'kafkajs';

export interface TopicShape {
  topic: string;
  numPartitions?: number;
  replicationFactor?: number;
  configEntries?: { name: string; value: string }[];
}

const retriable = /does not host this topic-partition|leader|UNKNOWN_TOPIC_OR_PARTITION|LEADER_NOT_AVAILABLE/i;

export async function createTopicsAndAwaitLeaders(admin: Admin, topics: TopicShape[], timeoutMs = 30_000): Promise<void> {
  if (topics.length === 0) return;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      // Creating a topic that exists is a no-op (answers false), so a retry after a partial failure is safe.
      await admin.createTopics({ waitForLeaders: false, topics });
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
      const led = metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led) return;
      throw new Error(`topics without leaders yet: ${topics.map((t) => t.topic).join(', ')}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (Date.now() >= deadline || !(retriable.test(message) || message.startsWith('topics without leaders'))) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1000)));
    }
  }
}

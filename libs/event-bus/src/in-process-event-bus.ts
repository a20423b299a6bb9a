/**
 * The standalone message bus: Kafka's semantics inside one process. Each topic is an in-memory log split into
 * partitions by key; each consumer group keeps its own offset per partition and moves it only after the handler
 * succeeded (or the message was dead-lettered), so a subscription stopped mid-handler leaves the message for the
 * group's next member. Per-key order holds because a key always lands in the same partition and a partition is
 * handled one message at a time per group.
 *
 * Memory only: the logs do not survive a restart. Durability comes from the event store, whose relay re-publishes
 * everything after its checkpoint when the process starts again; consumers dedupe the overlap by event id.
 */
import type { AnyTopics, BusSubscription, CloudEvent, Clock, EventBus, SubscribeOptions } from '@vaxledger/kernel';
import { deadLetterTopic, systemClock } from '@vaxledger/kernel';
import { assertCloudEvent, serializeCloudEvent } from '@vaxledger/kernel';
import { type BusLogger, silentLogger } from './bus-logger';
import {
  type DeadLetter,
  type DeadLetterInspection,
  deadLetterFromRecord,
  deadLetterHeadersFor,
} from './dead-letter';
import {
  StopSignal,
  defaultRetryBackoffMs,
  deliverBatchOnce,
  deliverWithRetries,
  validMaxAttempts,
  validMaxBatchSize,
} from './delivery-attempts';

export interface InProcessEventBusOptions {
  /** Partitions per topic (default 3): different keys are handled concurrently, one key strictly in order. */
  partitions?: number;
  /** First retry delay; doubles per attempt. */
  retryBackoffMs?: number;
  /**
   * Records kept per partition (default 100,000). Records every group has consumed are dropped as it goes. At the
   * cap, `publish` waits for subscribed groups to catch up (backpressure, nothing lost); records that only
   * unsubscribed groups, or no group at all, still need are dropped oldest first, like Kafka's retention.
   * So a handler must not publish to a topic its own group reads: at the cap it would wait for itself.
   */
  maxRetainedPerPartition?: number;
  logger?: BusLogger;
  clock?: Clock;
  /**
   * When true, `publish` resolves only after every group subscribed to the topic has handled (or parked) the
   * messages. The standalone relay uses this so its checkpoint never passes an event a consumer has not
   * durably handled: the logs are memory-only, so "appended" alone would not survive a crash.
   */
  awaitDelivery?: boolean;
}

interface StoredRecord {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

// Trimming splices the array, so it is done in chunks rather than per record.
const trimChunk = 1024;
// A long backlog of instantly-handled messages would otherwise run as one microtask chain and starve I/O.
const deliveriesBetweenYields = 256;

/** Listeners fired on the next change, each removable so idle waits do not accumulate. */
class ChangeNotifier {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    if (this.listeners.size === 0) return;
    const current = [...this.listeners];
    this.listeners.clear();
    for (const listener of current) listener();
  }
}

class PartitionLog {
  private records: StoredRecord[] = [];
  /** Offset of records[0]. */
  private firstOffset = 0;

  get startOffset(): number {
    return this.firstOffset;
  }

  get endOffset(): number {
    return this.firstOffset + this.records.length;
  }

  at(offset: number): StoredRecord | undefined {
    return this.records[offset - this.firstOffset];
  }

  append(record: StoredRecord): number {
    this.records.push(record);
    return this.endOffset - 1;
  }

  /** Drops records before `offset` once there are enough of them to be worth a splice. */
  trimBefore(offset: number, force = false): number {
    const count = Math.min(offset, this.endOffset) - this.firstOffset;
    if (count <= 0 || (!force && count < trimChunk)) return 0;
    this.records.splice(0, count);
    this.firstOffset += count;
    return count;
  }

  all(): readonly StoredRecord[] {
    return this.records;
  }
}

class TopicLog {
  readonly partitions: PartitionLog[];
  readonly appended = new ChangeNotifier();

  constructor(
    readonly name: string,
    partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionLog());
  }

  partitionFor(key: string | null): number {
    return key === null ? 0 : fnv1a(key) % this.partitions.length;
  }
}

interface Member {
  options: SubscribeOptions<AnyTopics>;
  maxAttempts: number;
  maxBatchSize: number;
  stop: StopSignal;
}

class ConsumerGroup {
  /** Next offset to deliver, per topic and partition. */
  readonly offsets = new Map<string, number[]>();
  readonly members: Member[] = [];
  readonly workers = new Set<string>();
  readonly membershipChanged = new ChangeNotifier();

  constructor(readonly id: string) {}

  membersFor(topic: string): Member[] {
    return this.members.filter((member) => !member.stop.isStopped && member.options.topics.includes(topic));
  }
}

export class InProcessEventBus implements EventBus<AnyTopics>, DeadLetterInspection {
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, ConsumerGroup>();
  /** Fired when a group moves on or its membership changes: a publisher waiting for room re-checks. */
  private readonly progress = new ChangeNotifier();
  private readonly partitionCount: number;
  private readonly retryBackoffMs: number;
  private readonly maxRetainedPerPartition: number;
  private readonly logger: BusLogger;
  private readonly clock: Clock;
  private closed = false;
  private readonly awaitDelivery: boolean;

  constructor(options: InProcessEventBusOptions = {}) {
    this.awaitDelivery = options.awaitDelivery ?? false;
    this.partitionCount = options.partitions ?? 3;
    if (!Number.isInteger(this.partitionCount) || this.partitionCount < 1) {
      throw new RangeError(`partitions must be a positive integer, got ${this.partitionCount}`);
    }
    this.retryBackoffMs = options.retryBackoffMs ?? defaultRetryBackoffMs;
    this.maxRetainedPerPartition = options.maxRetainedPerPartition ?? 100_000;
    if (!Number.isInteger(this.maxRetainedPerPartition) || this.maxRetainedPerPartition < trimChunk) {
      throw new RangeError(`maxRetainedPerPartition must be an integer of at least ${trimChunk}`);
    }
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Resolves once every message is appended to its topic's log (after waiting for room when the log is full);
   * handlers run later, asynchronously.
   */
  async publish(topic: string, messages: CloudEvent[]): Promise<void> {
    this.assertOpen();
    // Check the whole batch first so a bad message does not leave half a batch published.
    for (const message of messages) assertCloudEvent(message);
    const log = this.topic(topic);
    const appended: Array<{ partition: number; offset: number }> = [];
    for (const message of messages) {
      const record = { key: message.partitionkey, value: serializeCloudEvent(message), headers: {} };
      const partition = log.partitionFor(record.key);
      await this.waitForRoom(log, partition);
      this.assertOpen();
      appended.push({ partition, offset: log.partitions[partition].append(record) });
      log.appended.notify();
    }
    if (this.awaitDelivery) await this.waitUntilHandled(log.name, appended);
  }

  /** Waits until every group with live members on the topic has moved past each appended offset. */
  private async waitUntilHandled(topic: string, appended: Array<{ partition: number; offset: number }>): Promise<void> {
    const pending = () =>
      [...this.groups.values()].some((group) => {
        if (group.membersFor(topic).length === 0) return false;
        const offsets = group.offsets.get(topic);
        return offsets !== undefined && appended.some((a) => offsets[a.partition] <= a.offset);
      });
    while (!this.closed && pending()) {
      await new Promise<void>((resolve) => {
        const stop = this.progress.listen(() => {
          stop();
          resolve();
        });
      });
    }
  }

  async subscribe<T extends string>(options: SubscribeOptions<AnyTopics, T>): Promise<BusSubscription> {
    this.assertOpen();
    if (options.topics.length === 0) throw new RangeError('subscribe needs at least one topic');
    const member: Member = {
      options,
      maxAttempts: validMaxAttempts(options.maxAttempts),
      maxBatchSize: validMaxBatchSize(options.maxBatchSize),
      stop: new StopSignal(),
    };
    const group = this.group(options.groupId);
    for (const topicName of options.topics) {
      const log = this.topic(topicName);
      if (!group.offsets.has(topicName)) {
        const fromBeginning = options.fromBeginning ?? true;
        group.offsets.set(
          topicName,
          log.partitions.map((partition) => (fromBeginning ? partition.startOffset : partition.endOffset)),
        );
      }
    }
    group.members.push(member);
    for (const topicName of options.topics) {
      for (let partition = 0; partition < this.partitionCount; partition++) {
        this.startWorker(group, this.topic(topicName), partition);
      }
    }
    group.membershipChanged.notify();

    return {
      stop: async () => {
        member.stop.stop();
        const index = group.members.indexOf(member);
        if (index >= 0) group.members.splice(index, 1);
        group.membershipChanged.notify();
        this.progress.notify();
      },
    };
  }

  async deadLetters(topic: string): Promise<DeadLetter[]> {
    const log = this.topics.get(deadLetterTopic(topic));
    if (!log) return [];
    return log.partitions.flatMap((partition) =>
      partition
        .all()
        .map((record) =>
          deadLetterFromRecord({ key: record.key, payload: record.value, headers: record.headers }),
        ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) {
      for (const member of group.members) member.stop.stop();
      group.members.length = 0;
      group.membershipChanged.notify();
    }
    // Publishers waiting for room give up with "closed".
    this.progress.notify();
  }

  private startWorker(group: ConsumerGroup, log: TopicLog, partition: number): void {
    const workerKey = `${log.name}\u0000${partition}`;
    if (group.workers.has(workerKey)) return;
    group.workers.add(workerKey);
    this.consumePartition(group, log, partition, workerKey).catch((error: unknown) => {
      group.workers.delete(workerKey);
      this.logger.error(
        { err: error, topic: log.name, partition, groupId: group.id },
        'partition consumer crashed',
      );
    });
  }

  private async consumePartition(
    group: ConsumerGroup,
    log: TopicLog,
    partition: number,
    workerKey: string,
  ): Promise<void> {
    const partitionLog = log.partitions[partition];
    const offsets = group.offsets.get(log.name)!;
    let deliveredSinceYield = 0;
    // After a batch failed, its messages go one at a time (per-message retries and dead-lettering) up to here.
    let oneByOneUntil = 0;

    for (;;) {
      const members = group.membersFor(log.name);
      if (members.length === 0) {
        // Unregistered in the same tick as the check, so a member joining right after starts a fresh worker.
        group.workers.delete(workerKey);
        return;
      }

      if (offsets[partition] < partitionLog.startOffset) {
        this.logger.warn(
          {
            topic: log.name,
            partition,
            groupId: group.id,
            skipped: partitionLog.startOffset - offsets[partition],
          },
          'consumer group fell behind the retained log; skipping dropped records',
        );
        offsets[partition] = partitionLog.startOffset;
      }
      const offset = offsets[partition];
      const record = partitionLog.at(offset);
      if (!record) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            stopWaitingForAppend();
            stopWaitingForMembers();
            resolve();
          };
          const stopWaitingForAppend = log.appended.listen(wake);
          const stopWaitingForMembers = group.membershipChanged.listen(wake);
        });
        continue;
      }

      // Spreading partitions over members gives each message to exactly one member of the group.
      const member = members[partition % members.length];
      const waiting = partitionLog.endOffset - offset;
      if (member.options.batchHandler && waiting > 1 && offset >= oneByOneUntil) {
        const records: StoredRecord[] = [];
        for (let next = offset; next < offset + Math.min(waiting, member.maxBatchSize); next++) {
          records.push(partitionLog.at(next)!);
        }
        const batchOutcome = await deliverBatchOnce({
          records: records.map((batchRecord, index) => ({
            payload: batchRecord.value,
            context: { topic: log.name, partition, offset: String(offset + index) },
          })),
          batchHandler: member.options.batchHandler,
          stop: member.stop,
        });
        if (batchOutcome === 'abandoned') continue;
        if (batchOutcome === 'one-by-one') {
          oneByOneUntil = offset + records.length;
          continue;
        }
        offsets[partition] = offset + records.length;
        this.trimConsumed(log, partition);
        this.progress.notify();
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const outcome = await deliverWithRetries({
        payload: record.value,
        context: { topic: log.name, partition, offset: String(offset) },
        handler: member.options.handler,
        maxAttempts: member.maxAttempts,
        retryBackoffMs: this.retryBackoffMs,
        stop: member.stop,
      });
      if (outcome.kind === 'abandoned') continue;
      if (outcome.kind === 'dead-letter') {
        this.deadLetter(log.name, partition, offset, record, group.id, outcome.error, outcome.attempts);
      }
      offsets[partition] = offset + 1;
      this.trimConsumed(log, partition);
      this.progress.notify();

      if (++deliveredSinceYield >= deliveriesBetweenYields) {
        deliveredSinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private deadLetter(
    topic: string,
    partition: number,
    offset: number,
    record: StoredRecord,
    groupId: string,
    error: unknown,
    attempts: number,
  ): void {
    const headers = deadLetterHeadersFor({
      topic,
      partition,
      offset: String(offset),
      groupId,
      attempts,
      error,
      at: this.clock.now(),
    });
    this.logger.warn(
      { topic, partition, offset, groupId, attempts, error: headers['dlq-error'] },
      'message dead-lettered',
    );
    const log = this.topic(deadLetterTopic(topic));
    const dlqPartition = log.partitionFor(record.key);
    // Never waits: the worker parking this message is what frees room, so waiting here could wait for itself.
    while (this.isFull(log.partitions[dlqPartition])) this.dropOldest(log, dlqPartition);
    log.partitions[dlqPartition].append({ key: record.key, value: record.value, headers });
    log.appended.notify();
  }

  /** Drops records every group that reads this topic has passed; dead-letter topics are kept for inspection. */
  private trimConsumed(log: TopicLog, partition: number): void {
    if (log.name.endsWith('.dlq')) return;
    let slowest = Infinity;
    for (const group of this.groups.values()) {
      const offsets = group.offsets.get(log.name);
      if (offsets) slowest = Math.min(slowest, offsets[partition]);
    }
    if (Number.isFinite(slowest)) log.partitions[partition].trimBefore(slowest);
  }

  private isFull(partitionLog: PartitionLog): boolean {
    return partitionLog.endOffset - partitionLog.startOffset >= this.maxRetainedPerPartition;
  }

  private async waitForRoom(log: TopicLog, partition: number): Promise<void> {
    const partitionLog = log.partitions[partition];
    while (this.isFull(partitionLog)) {
      const oldestChunkEnd = partitionLog.startOffset + trimChunk;
      const subscribedGroupStillNeedsIt = [...this.groups.values()].some((group) => {
        const offsets = group.offsets.get(log.name);
        return (
          offsets !== undefined &&
          offsets[partition] < oldestChunkEnd &&
          group.membersFor(log.name).length > 0
        );
      });
      if (!subscribedGroupStillNeedsIt) {
        this.dropOldest(log, partition);
        continue;
      }
      await new Promise<void>((resolve) => {
        const stopWaiting = this.progress.listen(() => {
          stopWaiting();
          resolve();
        });
      });
      this.assertOpen();
    }
  }

  private dropOldest(log: TopicLog, partition: number): void {
    const partitionLog = log.partitions[partition];
    const dropped = partitionLog.trimBefore(partitionLog.startOffset + trimChunk, true);
    this.logger.warn(
      { topic: log.name, partition, dropped },
      'retention cap reached; oldest records dropped',
    );
  }

  private topic(name: string): TopicLog {
    let log = this.topics.get(name);
    if (!log) {
      log = new TopicLog(name, this.partitionCount);
      this.topics.set(name, log);
    }
    return log;
  }

  private group(id: string): ConsumerGroup {
    let group = this.groups.get(id);
    if (!group) {
      group = new ConsumerGroup(id);
      this.groups.set(id, group);
    }
    return group;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessEventBus is closed');
  }
}

/** 32-bit FNV-1a: cheap, stable across runs, spreads aggregate ids evenly. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

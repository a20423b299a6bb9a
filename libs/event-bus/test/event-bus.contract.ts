/**
 * The one contract every EventBus adapter passes: ordering per key, fan-out to groups, at-least-once delivery,
 * idempotent handling by event id, and dead-lettering that never blocks the messages behind a poison one.
 */
import { randomUUID } from 'node:crypto';
import type {
  BusSubscription,
  CloudEvent,
  DeliveryContext,
  EventBus,
  NewEvent,
  SubscribeOptions,
  AnyTopics,
} from '@vaxledger/kernel';
import { deadLetterTopic, MalformedCloudEventError, newId, parseCloudEvent, toCloudEvent } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { type DeadLetterInspection, ProcessedMessageGuard } from '../src';

export type BusUnderTest = EventBus<AnyTopics> & DeadLetterInspection;

export interface EventBusHarness {
  makeBus(): Promise<BusUnderTest>;
  /** Writes bytes that are not a CloudEvent straight onto a topic; only adapters whose wire can carry them. */
  publishRaw?: (topic: string, key: string, value: string) => Promise<void>;
  /** How long to keep watching for messages that should NOT arrive (duplicates, extra attempts). */
  quietPeriodMs: number;
  /** Upper bound for anything that should arrive. */
  arrivalTimeoutMs: number;
}

interface Received {
  message: CloudEvent<DoseRecordedData>;
  context: DeliveryContext;
}

interface DoseRecordedData {
  doseId: string;
  sequence: number;
}

export function eventBusContract(name: string, harness: EventBusHarness): void {
  describe(`${name} (EventBus contract)`, () => {
    let bus: BusUnderTest;
    const subscriptions: BusSubscription[] = [];
    const unique = (label: string) => `contract.${label}.${randomUUID()}`;

    beforeAll(async () => {
      bus = await harness.makeBus();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    });

    afterAll(async () => {
      await bus.close();
    });

    async function subscribe(options: SubscribeOptions<AnyTopics>): Promise<BusSubscription> {
      const subscription = await bus.subscribe(options);
      subscriptions.push(subscription);
      return subscription;
    }

    function collector(into: Received[]): SubscribeOptions<AnyTopics>['handler'] {
      return async (message, context) => {
        into.push({ message: message as CloudEvent<DoseRecordedData>, context });
      };
    }

    async function waitFor(what: string, condition: () => boolean): Promise<void> {
      const deadline = Date.now() + harness.arrivalTimeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await sleep(20);
      }
    }

    it('keeps every key’s messages in publish order across 200 messages on 5 keys', async () => {
      const topic = unique('order');
      const keys = Array.from({ length: 5 }, () => newId());
      const messages = Array.from({ length: 200 }, (_, index) =>
        doseRecorded(keys[index % keys.length], Math.floor(index / keys.length)),
      );
      const received: Received[] = [];
      await subscribe({ groupId: unique('order-group'), topics: [topic], handler: collector(received) });

      // Several publish calls, as a relay would make, interleaving the keys.
      for (let start = 0; start < messages.length; start += 40) {
        await bus.publish(topic, messages.slice(start, start + 40));
      }
      await waitFor('200 messages', () => received.length >= 200);
      await sleep(harness.quietPeriodMs);

      expect(received).toHaveLength(200);
      for (const key of keys) {
        const ofKey = received.filter(({ message }) => message.partitionkey === key);
        expect(ofKey.map(({ message }) => message.data.sequence)).toEqual(
          Array.from({ length: 40 }, (_, i) => i),
        );
        // One key lives in one partition, which is what keeps it ordered.
        expect(new Set(ofKey.map(({ context }) => context.partition)).size).toBe(1);
      }
    });

    it('gives every consumer group every message, and each message to one member of a group once', async () => {
      const topic = unique('fan-out');
      const audit: Received[] = [];
      const projection: Received[] = [];
      const reportingFirst: Received[] = [];
      const reportingSecond: Received[] = [];
      const reportingGroup = unique('reporting');
      await Promise.all([
        subscribe({ groupId: unique('audit'), topics: [topic], handler: collector(audit) }),
        subscribe({ groupId: unique('projection'), topics: [topic], handler: collector(projection) }),
        subscribe({ groupId: reportingGroup, topics: [topic], handler: collector(reportingFirst) }),
      ]);
      await subscribe({ groupId: reportingGroup, topics: [topic], handler: collector(reportingSecond) });

      const messages = Array.from({ length: 30 }, (_, index) => doseRecorded(`subject-${index % 6}`, index));
      await bus.publish(topic, messages);
      const reporting = () => [...reportingFirst, ...reportingSecond];
      await waitFor(
        'every group to get all 30 messages',
        () => audit.length >= 30 && projection.length >= 30 && reporting().length >= 30,
      );
      await sleep(harness.quietPeriodMs);

      const publishedIds = messages.map((message) => message.id).sort();
      for (const group of [audit, projection, reporting()]) {
        expect(group.map(({ message }) => message.id).sort()).toEqual(publishedIds);
        expect(group.every(({ context }) => context.attempt === 1)).toBe(true);
      }
    });

    it('hands a message to the group again when the member handling it stops before finishing', async () => {
      const topic = unique('redelivery');
      const groupId = unique('projection');
      const message = doseRecorded(newId(), 0);
      const stuck: Received[] = [];
      const neverFinishing = deferred();
      const firstMember = await subscribe({
        groupId,
        topics: [topic],
        handler: async (delivered, context) => {
          stuck.push({ message: delivered as CloudEvent<DoseRecordedData>, context });
          await neverFinishing.promise;
        },
      });
      await bus.publish(topic, [message]);
      await waitFor('the first member to start handling', () => stuck.length === 1);

      // The member dies mid-handler: stop must not wait for a handler that does not return.
      await firstMember.stop();
      const received: Received[] = [];
      await subscribe({ groupId, topics: [topic], handler: collector(received) });
      await waitFor('redelivery to the next member', () => received.length >= 1);
      // The abandoned handler finishing late must not count as the group having handled it.
      neverFinishing.resolve();
      await sleep(harness.quietPeriodMs);

      expect(received.map(({ message: delivered }) => delivered.id)).toEqual([message.id]);
      expect(received[0].context.offset).toBe(stuck[0].context.offset);
    });

    it('retries a handler that fails on its first try, telling it which attempt it is on', async () => {
      const topic = unique('retry');
      const message = doseRecorded(newId(), 0);
      const attempts: number[] = [];
      await subscribe({
        groupId: unique('projection'),
        topics: [topic],
        handler: async (_delivered, context) => {
          attempts.push(context.attempt);
          if (context.attempt === 1) throw new Error('read model briefly unavailable');
        },
      });
      await bus.publish(topic, [message]);
      await waitFor('the second attempt', () => attempts.length >= 2);
      await sleep(harness.quietPeriodMs);

      expect(attempts).toEqual([1, 2]);
      expect(await bus.deadLetters(topic)).toEqual([]);
    });

    it('runs a guarded handler once when the same event is delivered twice (a relay re-publishing after a restart)', async () => {
      const topic = unique('dedupe');
      const groupId = unique('projection');
      const store = new MemoryStore();
      const guard = new ProcessedMessageGuard(store, { groupId });
      const message = doseRecorded(newId(), 0);
      const later = doseRecorded(message.partitionkey, 1);
      const deliveries: string[] = [];
      const applied: string[] = [];
      const guarded = guard.wrap(async (delivered) => {
        applied.push(delivered.id);
      });
      await subscribe({
        groupId,
        topics: [topic],
        handler: async (delivered, context) => {
          deliveries.push(delivered.id);
          await guarded(delivered, context);
        },
      });

      await bus.publish(topic, [message]);
      await bus.publish(topic, [message, later]);
      await waitFor('three deliveries', () => deliveries.length >= 3);
      await sleep(harness.quietPeriodMs);

      expect(deliveries).toEqual([message.id, message.id, later.id]);
      expect(applied).toEqual([message.id, later.id]);
      expect(await guard.isProcessed(message.id)).toBe(true);
      await store.close();
    });

    it('parks a message whose handler keeps failing on <topic>.dlq with its error, and still delivers the same key’s later messages', async () => {
      const topic = unique('poison');
      const groupId = unique('projection');
      const subject = newId();
      const [poison, next, last] = [0, 1, 2].map((sequence) => doseRecorded(subject, sequence));
      const attemptsOnPoison: DeliveryContext[] = [];
      const handled: Received[] = [];
      await subscribe({
        groupId,
        topics: [topic],
        maxAttempts: 3,
        handler: async (message, context) => {
          if (message.id === poison.id) {
            attemptsOnPoison.push(context);
            throw new Error('vaccine code is not in the catalogue');
          }
          handled.push({ message: message as CloudEvent<DoseRecordedData>, context });
        },
      });
      const parked: Received[] = [];
      await subscribe({
        groupId: unique('ops'),
        topics: [deadLetterTopic(topic)],
        handler: collector(parked),
      });

      await bus.publish(topic, [poison, next, last]);
      await waitFor('the later messages of the key', () => handled.length >= 2);
      await waitFor('the poison message on the dead-letter topic', () => parked.length >= 1);
      await sleep(harness.quietPeriodMs);

      expect(attemptsOnPoison.map((context) => context.attempt)).toEqual([1, 2, 3]);
      expect(handled.map(({ message }) => message.id)).toEqual([next.id, last.id]);
      expect(parked.map(({ message }) => message.id)).toEqual([poison.id]);

      const deadLetters = await bus.deadLetters(topic);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({
        originalTopic: topic,
        originalPartition: attemptsOnPoison[0].partition,
        originalOffset: attemptsOnPoison[0].offset,
        groupId,
        attempts: 3,
        key: subject,
      });
      expect(deadLetters[0].error).toContain('vaccine code is not in the catalogue');
      expect(Number.isNaN(Date.parse(deadLetters[0].deadLetteredAt))).toBe(false);
      expect(parseCloudEvent(deadLetters[0].payload)).toEqual(poison);
    });

    it('hands waiting messages to a batch handler several at a time, never more than its maximum, keeping each key’s order', async () => {
      const topic = unique('batched');
      const keys = Array.from({ length: 5 }, () => newId());
      const messages = Array.from({ length: 200 }, (_, index) =>
        doseRecorded(keys[index % keys.length], Math.floor(index / keys.length)),
      );
      // Published before anyone listens, as after a bulk import: the whole backlog is waiting.
      await bus.publish(topic, messages);
      const batches: Received[][] = [];
      const oneByOne: Received[] = [];
      await subscribe({
        groupId: unique('batch-group'),
        topics: [topic],
        maxBatchSize: 50,
        handler: collector(oneByOne),
        batchHandler: async (batch) => {
          batches.push(batch.map(({ message, context }) => ({ message: message as CloudEvent<DoseRecordedData>, context })));
        },
      });
      const received = () => [...batches.flat(), ...oneByOne];
      await waitFor('200 messages', () => received().length >= 200);
      await sleep(harness.quietPeriodMs);

      expect(received()).toHaveLength(200);
      expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
      expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(50);
      for (const batch of batches) {
        // A batch comes from one partition, in offset order.
        expect(new Set(batch.map(({ context }) => context.partition)).size).toBe(1);
        const offsets = batch.map(({ context }) => BigInt(context.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      for (const key of keys) {
        const ofKey = received()
          .filter(({ message }) => message.partitionkey === key)
          .sort((a, b) => (BigInt(a.context.offset) < BigInt(b.context.offset) ? -1 : 1));
        expect(ofKey.map(({ message }) => message.data.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      }
    });

    it('falls back to one message at a time when a batch fails, so only the poison message is dead-lettered', async () => {
      const topic = unique('batch-poison');
      const subject = newId();
      const messages = Array.from({ length: 6 }, (_, sequence) => doseRecorded(subject, sequence));
      const poison = messages[2];
      await bus.publish(topic, messages);
      let batchCalls = 0;
      const handled: Received[] = [];
      await subscribe({
        groupId: unique('batch-poison-group'),
        topics: [topic],
        maxAttempts: 2,
        batchHandler: async (batch) => {
          batchCalls++;
          if (batch.some(({ message }) => message.id === poison.id)) throw new Error('a dose in this batch is refused');
          for (const { message, context } of batch) handled.push({ message: message as CloudEvent<DoseRecordedData>, context });
        },
        handler: async (message, context) => {
          if (message.id === poison.id) throw new Error('vaccine code is not in the catalogue');
          handled.push({ message: message as CloudEvent<DoseRecordedData>, context });
        },
      });
      // One key, one partition: the last good message is handled only after the poison one was parked.
      await waitFor('the five good messages', () => handled.length >= 5);
      await sleep(harness.quietPeriodMs);

      expect(batchCalls).toBeGreaterThanOrEqual(1);
      expect(handled.map(({ message }) => message.data.sequence)).toEqual([0, 1, 3, 4, 5]);
      const deadLetters = await bus.deadLetters(topic);
      expect(deadLetters.map((letter) => parseCloudEvent(letter.payload).id)).toEqual([poison.id]);
      expect(deadLetters[0].error).toContain('vaccine code is not in the catalogue');
    });

    const publishRaw = harness.publishRaw;
    if (publishRaw) {
      it('parks an unreadable payload on <topic>.dlq without calling the handler, and still delivers the same key’s later messages', async () => {
        const topic = unique('unreadable');
        const groupId = unique('projection');
        const subject = newId();
        const valid = doseRecorded(subject, 1);
        const handled: Received[] = [];
        await subscribe({ groupId, topics: [topic], handler: collector(handled) });

        await publishRaw(topic, subject, '{"specversion":"1.0", truncated');
        await bus.publish(topic, [valid]);
        await waitFor('the valid message after the unreadable one', () => handled.length >= 1);
        await sleep(harness.quietPeriodMs);

        expect(handled.map(({ message }) => message.id)).toEqual([valid.id]);
        const deadLetters = await bus.deadLetters(topic);
        expect(deadLetters).toHaveLength(1);
        expect(deadLetters[0]).toMatchObject({
          originalTopic: topic,
          groupId,
          attempts: 0,
          key: subject,
          payload: '{"specversion":"1.0", truncated',
        });
        expect(deadLetters[0].error).toContain('Malformed CloudEvent');
      });
    }

    it('refuses to publish a message that is not a valid CloudEvent, publishing none of its batch', async () => {
      const topic = unique('refused');
      const good = doseRecorded(newId(), 0);
      const bad = { ...doseRecorded(newId(), 1), time: 'yesterday' };
      await expect(bus.publish(topic, [good, bad])).rejects.toBeInstanceOf(MalformedCloudEventError);

      const received: Received[] = [];
      await subscribe({ groupId: unique('projection'), topics: [topic], handler: collector(received) });
      await sleep(harness.quietPeriodMs);
      expect(received).toEqual([]);
    });
  });
}

function doseRecorded(subjectId: string, sequence: number): CloudEvent<DoseRecordedData> {
  const event: NewEvent<'DoseRecorded', DoseRecordedData> = {
    type: 'DoseRecorded',
    data: { doseId: newId(), sequence },
    metadata: {
      eventId: newId(),
      correlationId: newId(),
      causationId: null,
      actor: { accountId: newId(), facilityId: 'facility-1', provinceCode: '01' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
  return toCloudEvent<DoseRecordedData>(event, {
    source: '/vaxledger/immunization',
    type: 'vaxledger.immunization.dose.recorded.v1',
    partitionkey: subjectId,
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

import type { CloudEvent, DeliveryContext } from '@vaxledger/kernel';
import { newId } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { ProcessedMessageGuard } from '../src';

describe('ProcessedMessageGuard', () => {
  let now: number;
  let store: MemoryStore;

  beforeEach(() => {
    now = Date.parse('2021-08-02T02:00:00Z');
    store = new MemoryStore({ now: () => now });
  });

  afterEach(() => store.close());

  it('skips a message the consumer group already handled', async () => {
    const guard = new ProcessedMessageGuard(store, { groupId: 'dose-projection' });
    const applied: string[] = [];
    const handler = guard.wrap(async (message) => {
      applied.push(message.id);
    });
    const message = doseRecorded();

    await handler(message, delivery(1));
    await handler(message, delivery(1));

    expect(applied).toEqual([message.id]);
  });

  it('runs a handler again when it failed before finishing, because the id is marked only after success', async () => {
    const guard = new ProcessedMessageGuard(store, { groupId: 'dose-projection' });
    let runs = 0;
    const handler = guard.wrap(async () => {
      runs++;
      if (runs === 1) throw new Error('read model briefly unavailable');
    });
    const message = doseRecorded();

    await expect(handler(message, delivery(1))).rejects.toThrow('read model briefly unavailable');
    expect(await guard.isProcessed(message.id)).toBe(false);
    await handler(message, delivery(2));

    expect(runs).toBe(2);
    expect(await guard.isProcessed(message.id)).toBe(true);
  });

  it('remembers ids per consumer group, so one group’s handling does not hide the message from another', async () => {
    const audit = new ProcessedMessageGuard(store, { groupId: 'audit-trail' });
    const projection = new ProcessedMessageGuard(store, { groupId: 'dose-projection' });
    const message = doseRecorded();
    await audit.wrap(async () => undefined)(message, delivery(1));

    expect(await audit.isProcessed(message.id)).toBe(true);
    expect(await projection.isProcessed(message.id)).toBe(false);
    expect(await store.keys('processed:audit-trail:')).toEqual([`processed:audit-trail:${message.id}`]);
  });

  it('hands a batch handler only the messages not handled yet, each id once, and marks them after it succeeded', async () => {
    const guard = new ProcessedMessageGuard(store, { groupId: 'trail-intake' });
    const [handledBefore, fresh, other] = [doseRecorded(), doseRecorded(), doseRecorded()];
    await guard.wrap(async () => undefined)(handledBefore, delivery(1));
    const seen: string[][] = [];
    const batchHandler = guard.wrapBatch(async (batch) => {
      seen.push(batch.map(({ message }) => message.id));
    });

    await batchHandler(
      [handledBefore, fresh, fresh, other].map((message, index) => ({ message, context: { ...delivery(1), offset: String(index) } })),
    );

    expect(seen).toEqual([[fresh.id, other.id]]);
    expect(await guard.isProcessed(fresh.id)).toBe(true);
    expect(await guard.isProcessed(other.id)).toBe(true);
  });

  it('marks nothing of a batch whose handler failed, so the bus can deliver it again', async () => {
    const guard = new ProcessedMessageGuard(store, { groupId: 'trail-intake' });
    const messages = [doseRecorded(), doseRecorded()];
    const failing = guard.wrapBatch(async () => {
      throw new Error('trail storage briefly unavailable');
    });

    await expect(failing(messages.map((message) => ({ message, context: delivery(1) })))).rejects.toThrow(
      'trail storage briefly unavailable',
    );

    for (const message of messages) expect(await guard.isProcessed(message.id)).toBe(false);
  });

  it('forgets a handled id once its time to live has passed', async () => {
    const guard = new ProcessedMessageGuard(store, { groupId: 'dose-projection', ttlMs: 60_000 });
    const message = doseRecorded();
    await guard.wrap(async () => undefined)(message, delivery(1));
    expect(await store.ttlMs(`processed:dose-projection:${message.id}`)).toBe(60_000);

    now += 60_001;
    expect(await guard.isProcessed(message.id)).toBe(false);
  });
});

function doseRecorded(): CloudEvent {
  return {
    specversion: '1.0',
    id: newId(),
    source: '/vaxledger/immunization',
    type: 'vaxledger.immunization.dose.recorded.v1',
    time: '2021-08-02T09:15:00.000+07:00',
    datacontenttype: 'application/json',
    partitionkey: newId(),
    data: { doseId: newId() },
  };
}

function delivery(attempt: number): DeliveryContext {
  return { topic: 'vaxledger.immunization.dose.v1', partition: 0, offset: '12', attempt };
}

import { InProcessEventBus } from '../src';
import { eventBusContract } from './event-bus.contract';

eventBusContract('InProcessEventBus', {
  makeBus: async () => new InProcessEventBus({ retryBackoffMs: 5 }),
  quietPeriodMs: 50,
  arrivalTimeoutMs: 5_000,
});

describe('InProcessEventBus memory bounds', () => {
  const messages = (count: number, key: string) =>
    Array.from({ length: count }, (_, sequence) => ({
      specversion: '1.0' as const,
      id: `event-${sequence}`,
      source: '/vaxledger/immunization',
      type: 'vaxledger.immunization.dose.recorded.v1',
      time: '2021-08-02T09:15:00.000+07:00',
      datacontenttype: 'application/json' as const,
      partitionkey: key,
      data: { sequence },
    }));

  async function drain(bus: InProcessEventBus, topic: string, groupId: string, expectedLast: number) {
    const sequences: number[] = [];
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      handler: async (message) => {
        sequences.push((message.data as { sequence: number }).sequence);
      },
    });
    const deadline = Date.now() + 5_000;
    while (sequences[sequences.length - 1] !== expectedLast && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await subscription.stop();
    return sequences;
  }

  const isContiguous = (sequences: number[]) =>
    sequences.every((value, index) => index === 0 || value === sequences[index - 1] + 1);

  it('drops records every group has consumed, so a group created later starts at the oldest record still kept', async () => {
    const bus = new InProcessEventBus({ partitions: 1 });
    await bus.publish('doses', messages(3000, 'subject-1'));

    expect(await drain(bus, 'doses', 'projection', 2999)).toHaveLength(3000);
    const late = await drain(bus, 'doses', 'late-reporting', 2999);

    expect(late.length).toBeLessThan(3000);
    expect(late[late.length - 1]).toBe(2999);
    expect(isContiguous(late)).toBe(true);
    await bus.close();
  });

  it('drops the oldest records past the retention cap when nobody consumes them, warning about it', async () => {
    const warnings: string[] = [];
    const bus = new InProcessEventBus({
      partitions: 1,
      maxRetainedPerPartition: 2000,
      logger: {
        debug: () => {},
        info: () => {},
        error: () => {},
        warn: (_entry, message) => warnings.push(message ?? ''),
      },
    });
    await bus.publish('doses', messages(5000, 'subject-1'));

    const kept = await drain(bus, 'doses', 'projection', 4999);
    // The cap is an upper bound; room is made a chunk of 1,024 records at a time.
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(2000 - 1024);
    expect(kept[kept.length - 1]).toBe(4999);
    expect(isContiguous(kept)).toBe(true);
    expect(warnings).toContain('retention cap reached; oldest records dropped');
    await bus.close();
  });

  it('makes publishing wait for a subscribed group that is behind rather than drop what it has not read', async () => {
    const bus = new InProcessEventBus({ partitions: 1, maxRetainedPerPartition: 2048 });
    const sequences: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({
      groupId: 'projection',
      topics: ['doses'],
      handler: async (message) => {
        await gate;
        sequences.push((message.data as { sequence: number }).sequence);
      },
    });

    let published = false;
    const publishing = bus.publish('doses', messages(5000, 'subject-1')).then(() => (published = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toBe(false);

    release();
    await publishing;
    const deadline = Date.now() + 5_000;
    while (sequences.length < 5000 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sequences).toEqual(Array.from({ length: 5000 }, (_, index) => index));
    await bus.close();
  });

  it('with awaitDelivery, resolves a publish only after every subscribed group handled the message', async () => {
    const bus = new InProcessEventBus({ awaitDelivery: true });
    const handledBy: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({ groupId: 'audit', topics: ['records'], handler: async () => void handledBy.push('audit') });
    await bus.subscribe({
      groupId: 'registry',
      topics: ['records'],
      handler: async () => {
        await gate;
        handledBy.push('registry');
      },
    });

    let published = false;
    const publishing = bus.publish('records', messages(1, 'subject-1')).then(() => (published = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handledBy).toEqual(['audit']);
    expect(published).toBe(false);

    release();
    await publishing;
    expect(handledBy.sort()).toEqual(['audit', 'registry']);
    await bus.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import {
  CommandHandler,
  ConcurrencyError,
  type Decider,
  deciderSpec,
  EventRelay,
  type CommandMetadata,
  type Projection,
  ProjectionRunner,
  type RecordedEvent,
  ruleBroken,
  UpcasterRegistry,
  withMetadata,
  toCloudEvent,
} from '@vaxledger/kernel';
import { SqliteReadModelStore } from '@vaxledger/read-models';

/** A tiny counter aggregate: enough to exercise the kernel without any service's domain. */
type CounterEvent = { type: 'Incremented'; data: { by: number } };
type CounterCommand = { type: 'Increment'; by: number; max: number };
const counter: Decider<CounterCommand, { total: number }, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) => {
    if (state.total + command.by > command.max) throw ruleBroken('counter_limit', 'over the limit');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.by }),
};

const meta = (): CommandMetadata => ({
  actor: { accountId: 'account-1', facilityId: 'facility-1', provinceCode: '01' },
  now: new Date('2021-08-02T02:15:00Z'),
  correlationId: 'correlation-1',
});

let dir: string;
let store: SqliteEventStore;
let readModels: SqliteReadModelStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vx-kernel-'));
  store = new SqliteEventStore(join(dir, 'events.db'));
  readModels = new SqliteReadModelStore(join(dir, 'read-models.db'));
});
afterEach(async () => {
  await store.close();
  await readModels.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deciders as given/when/then', () => {
  it('increments within the limit and refuses beyond it', () => {
    deciderSpec(counter).given([{ type: 'Incremented', data: { by: 2 } }]).when({ type: 'Increment', by: 1, max: 3 }).then([
      { type: 'Incremented', data: { by: 1 } },
    ]);
    deciderSpec(counter).given([{ type: 'Incremented', data: { by: 3 } }]).when({ type: 'Increment', by: 1, max: 3 }).thenThrows('counter_limit');
  });
});

describe('CommandHandler', () => {
  it('stamps metadata and appends with the expected revision', async () => {
    const handler = new CommandHandler(store, counter);
    await handler.handle('counter-1', { type: 'Increment', by: 1, max: 10 }, meta());
    const result = await handler.handle('counter-1', { type: 'Increment', by: 2, max: 10 }, meta());
    expect(result.state.total).toBe(3);
    expect(result.nextExpectedRevision).toBe(1);
    const [first] = await store.readStream('counter-1');
    expect(first.metadata).toMatchObject({ correlationId: 'correlation-1', schemaVersion: 1, actor: { accountId: 'account-1' } });
  });

  it('re-decides on fresh state when a concurrent writer got there first, so nothing is lost or doubled', async () => {
    const handler = new CommandHandler(store, counter, { maxRetries: 3 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => handler.handle('counter-2', { type: 'Increment', by: 1, max: 100 }, meta())),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(accepted).toBeGreaterThanOrEqual(4); // one winner per round: the first try and three retries
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    // Every acknowledged command is in the stream exactly once; every refused one left no trace.
    expect((await handler.load('counter-2')).state.total).toBe(accepted);
  });

  it('refuses with a 409 conflict once its retries are spent', async () => {
    const handler = new CommandHandler(store, counter, { maxRetries: 0 });
    const racing = { ...store, readStream: store.readStream.bind(store), append: store.append.bind(store) };
    await handler.handle('counter-3', { type: 'Increment', by: 1, max: 100 }, meta());
    // A writer that appends between our read and our append, every time.
    racing.append = async (streamId, events, expected) => {
      await store.append(streamId, withMetadata([{ type: 'Incremented', data: { by: 1 } }], meta()), 'any');
      return store.append(streamId, events, expected);
    };
    const unlucky = new CommandHandler(racing as unknown as SqliteEventStore, counter, { maxRetries: 0 });
    await expect(unlucky.handle('counter-3', { type: 'Increment', by: 1, max: 100 }, meta())).rejects.toBeInstanceOf(ConcurrencyError);
  });
});

describe('UpcasterRegistry', () => {
  it('upcasts an old event version step by step to the current shape', () => {
    const upcasters = new UpcasterRegistry()
      .register('Incremented', 1, (e) => ({ ...e, data: { amount: (e.data as { by: number }).by }, metadata: { ...e.metadata, schemaVersion: 2 } }))
      .register('Incremented', 2, (e) => ({ ...e, data: { ...(e.data as object), unit: 'dose' }, metadata: { ...e.metadata, schemaVersion: 3 } }));
    const [stored] = withMetadata([{ type: 'Incremented', data: { by: 4 } }], meta());
    const upcast = upcasters.upcast({ ...stored, streamId: 's', revision: 0, position: 1 });
    expect(upcast.data).toEqual({ amount: 4, unit: 'dose' });
    expect(upcast.metadata.schemaVersion).toBe(3);
  });
});

/** Sums increments per stream into a read model, position-guarded. */
function totalsProjection(): Projection {
  const collection = readModels.collection<{ id: string; total: number }>({ name: 'totals', indexes: [] });
  return {
    name: 'totals',
    handles: new Set(['Incremented']),
    async apply(event: RecordedEvent) {
      const totals = await collection;
      const current = (await totals.get(event.streamId))?.total ?? 0;
      await totals.upsert({ id: event.streamId, total: current + (event.data as { by: number }).by }, event.position);
    },
    async reset() {
      await (await collection).clear();
    },
  };
}

describe('ProjectionRunner', () => {
  it('catches up, goes live, checkpoints, and resumes after a restart without applying anything twice', async () => {
    const handler = new CommandHandler(store, counter);
    for (let i = 0; i < 5; i++) await handler.handle('counter-p', { type: 'Increment', by: 1, max: 100 }, meta());
    const first = new ProjectionRunner(store, readModels, [totalsProjection()], { liveCheckpointDelayMs: 10 });
    await first.start();
    await handler.handle('counter-p', { type: 'Increment', by: 10, max: 100 }, meta());
    const totals = await readModels.collection<{ id: string; total: number }>({ name: 'totals', indexes: [] });
    for (let i = 0; i < 100 && (await totals.get('counter-p'))?.total !== 15; i++) await new Promise((r) => setTimeout(r, 10));
    await first.stop();
    expect((await totals.get('counter-p'))?.total).toBe(15);
    expect(await readModels.getCheckpoint('totals')).toBe(await store.headPosition());

    const second = new ProjectionRunner(store, readModels, [totalsProjection()]);
    await second.start();
    await second.stop();
    expect((await totals.get('counter-p'))?.total).toBe(15);
  });

  it('applies a page of the log in one applyBatch call, and when that batch fails applies its events one by one, reporting only the bad one', async () => {
    const handler = new CommandHandler(store, counter);
    for (let i = 0; i < 6; i++) await handler.handle(`counter-b${i}`, { type: 'Increment', by: i, max: 100 }, meta());
    const batchSizes: number[] = [];
    const applied: number[] = [];
    const failures: string[] = [];
    const projection: Projection = {
      name: 'picky',
      handles: new Set(['Incremented']),
      async apply(event) {
        const by = (event.data as { by: number }).by;
        if (by === 3) throw new Error('three is refused');
        applied.push(by);
      },
      async applyBatch(events) {
        batchSizes.push(events.length);
        if (events.some((event) => (event.data as { by: number }).by === 3)) throw new Error('batch refused');
        for (const event of events) applied.push((event.data as { by: number }).by);
      },
      async reset() {},
    };
    const runner = new ProjectionRunner(store, readModels, [projection], {
      onError: (_name, event) => failures.push(event.streamId),
    });
    await runner.start();
    await runner.stop();

    expect(batchSizes).toEqual([6]);
    expect(applied).toEqual([0, 1, 2, 4, 5]);
    expect(failures).toEqual(['counter-b3']);
    expect(await readModels.getCheckpoint('picky')).toBe(await store.headPosition());
  });

  it('reads the log once for projections at different checkpoints, each applying only what it has not applied yet', async () => {
    const handler = new CommandHandler(store, counter);
    for (let i = 0; i < 4; i++) await handler.handle(`counter-c${i}`, { type: 'Increment', by: 1, max: 100 }, meta());
    const appliedBy: Record<string, string[]> = { ahead: [], behind: [] };
    const recording = (name: string): Projection => ({
      name,
      handles: new Set(['Incremented']),
      async apply(event) {
        appliedBy[name].push(event.streamId);
      },
      async reset() {},
    });
    const head = (await store.headPosition())!;
    await readModels.saveCheckpoint('ahead', head - 1);
    let subscriptions = 0;
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => {
      subscriptions++;
      return subscribe(options);
    };
    const runner = new ProjectionRunner(store, readModels, [recording('ahead'), recording('behind')]);
    await runner.start();
    await runner.stop();

    expect(subscriptions).toBe(1);
    expect(appliedBy.ahead).toEqual(['counter-c3']);
    expect(appliedBy.behind).toEqual(['counter-c0', 'counter-c1', 'counter-c2', 'counter-c3']);
    expect(await readModels.getCheckpoint('ahead')).toBe(head);
    expect(await readModels.getCheckpoint('behind')).toBe(head);
  });

  it('rebuilds a read model from position 0 to the same state', async () => {
    const handler = new CommandHandler(store, counter);
    for (let i = 0; i < 3; i++) await handler.handle(`counter-${i}`, { type: 'Increment', by: i + 1, max: 100 }, meta());
    const progress = await ProjectionRunner.rebuild(store, readModels, totalsProjection(), { batchSize: 2 });
    expect(progress.applied).toBe(3);
    const totals = await readModels.collection<{ id: string; total: number }>({ name: 'totals', indexes: [] });
    expect((await totals.find({})).map((d) => d.total).sort()).toEqual([1, 2, 3]);
  });
});

describe('EventRelay', () => {
  it('publishes every stored event once the bus acknowledged, and a restarted relay resumes after its checkpoint', async () => {
    const bus = new InProcessEventBus({ awaitDelivery: true });
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['counters'], handler: async (m) => void seen.push(m.id) });
    const handler = new CommandHandler(store, counter);
    await handler.handle('counter-r', { type: 'Increment', by: 1, max: 100 }, meta());
    const mapper = (event: RecordedEvent) => [{ topic: 'counters', message: toCloudEvent(event, { source: '/test', partitionkey: event.streamId }) }];
    const relay = new EventRelay(store, bus, readModels, mapper, { name: 'test' });
    await relay.start();
    await relay.stop();
    await handler.handle('counter-r', { type: 'Increment', by: 1, max: 100 }, meta());
    const again = new EventRelay(store, bus, readModels, mapper, { name: 'test' });
    await again.start();
    await again.stop();
    const stored = (await store.readStream('counter-r')).map((e) => e.metadata.eventId);
    expect(seen).toEqual(stored);
    await bus.close();
  });

  it('relays a backlog a page at a time: one publish per page, every event once and in order', async () => {
    const backlog = 2500;
    await store.appendMany!(
      Array.from({ length: backlog }, (_, i) => ({
        streamId: `counter-page-${i}`,
        events: withMetadata([{ type: 'Incremented', data: { by: i } }], meta()),
        expected: 'no_stream' as const,
      })),
    );
    const bus = new InProcessEventBus({ awaitDelivery: true });
    const seen: number[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['counters'], handler: async (m) => void seen.push((m.data as { by: number }).by) });
    let publishes = 0;
    const publish = bus.publish.bind(bus);
    bus.publish = (topic, messages) => {
      publishes++;
      return publish(topic, messages);
    };
    const mapper = (event: RecordedEvent) => [{ topic: 'counters', message: toCloudEvent(event, { source: '/test', partitionkey: event.streamId }) }];
    const relay = new EventRelay(store, bus, readModels, mapper, { name: 'pages' });
    await relay.start();
    await relay.stop();

    expect(seen).toHaveLength(backlog);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: backlog }, (_, i) => i));
    expect(publishes).toBeLessThanOrEqual(Math.ceil(backlog / 1000));
    expect(await readModels.getCheckpoint('relay:pages')).toBe(await store.headPosition());
    await bus.close();
  });
});

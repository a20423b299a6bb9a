import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { type Projection, systemClock, withMetadata } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { createLogger, EventPipeline, Metrics, ReadinessRegistry, type ServiceInfrastructure } from '@vaxledger/runtime';

describe('EventPipeline start-up', () => {
  let dir: string;
  let infra: ServiceInfrastructure;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vx-pipeline-'));
    infra = {
      service: 'registry',
      eventStore: new SqliteEventStore(join(dir, 'events.db')),
      readModels: new SqliteReadModelStore(join(dir, 'read-models.db')),
      kv: new MemoryStore(),
      bus: new InProcessEventBus(),
      delivery: { send: async () => undefined },
      clock: systemClock,
      logger: createLogger({ service: 'test', level: 'silent' }),
      metrics: new Metrics(),
      readiness: new ReadinessRegistry(),
      keys: {} as ServiceInfrastructure['keys'],
      settings: {},
    };
  });
  afterEach(async () => {
    await infra.eventStore.close();
    await infra.readModels.close();
    await infra.bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens after a bounded wait while a long backlog is still being caught up, and is ready only once it is', async () => {
    const meta = { actor: { accountId: 'a' }, now: new Date(), correlationId: 'c' };
    for (let i = 0; i < 20; i++) {
      await infra.eventStore.append(`subject-${i}`, withMetadata([{ type: 'Noted', data: { i } }], meta), 'no_stream');
    }
    let applied = 0;
    const slow: Projection = {
      name: 'slow',
      handles: new Set(['Noted']),
      apply: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        applied++;
      },
      reset: async () => undefined,
    };
    const pipeline = new EventPipeline(infra, { projections: [slow] });
    const started = Date.now();
    await pipeline.startWithin(30);
    expect(Date.now() - started).toBeLessThan(150);
    expect((await infra.readiness.run()).ok).toBe(false);
    for (let i = 0; i < 200 && !pipeline.ready; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(applied).toBe(20);
    expect((await infra.readiness.run()).ok).toBe(true);
    await pipeline.stop();
  });
});

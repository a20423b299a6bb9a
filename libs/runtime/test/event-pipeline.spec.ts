import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { type Projection, systemClock, withMetadata } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import {
  createLogger,
  EventPipeline,
  handleConcurrentlyByKey,
  Metrics,
  ReadinessRegistry,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';

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

describe('handling a batch of bus messages', () => {
  const delivered = (key: string, sequence: number) => ({
    message: {
      specversion: '1.0' as const,
      id: `${key}-${sequence}`,
      source: '/test',
      type: 'DoseRecorded',
      time: new Date().toISOString(),
      datacontenttype: 'application/json' as const,
      partitionkey: key,
      data: { sequence },
    },
    context: { topic: 't', partition: 0, offset: String(sequence), attempt: 1 },
  });

  it('runs different aggregates concurrently and one aggregate’s messages strictly in order', async () => {
    const batch = [delivered('a', 0), delivered('b', 0), delivered('a', 1), delivered('b', 1), delivered('a', 2)];
    const log: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await handleConcurrentlyByKey(batch, async ({ message }) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      log.push(`start ${message.id}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${message.id}`);
      inFlight--;
    });

    expect(mostInFlight).toBe(2);
    for (const key of ['a', 'b']) {
      const ofKey = log.filter((line) => line.includes(` ${key}-`));
      // Each message of a key ends before the next one of that key starts.
      for (let i = 0; i + 1 < ofKey.length; i += 2) {
        expect(ofKey[i].replace('start', 'end')).toBe(ofKey[i + 1]);
      }
    }
  });

  it('waits for every aggregate to finish before reporting the first failure', async () => {
    const finished: string[] = [];
    const outcome = handleConcurrentlyByKey([delivered('bad', 0), delivered('slow', 0)], async ({ message }) => {
      if (message.partitionkey === 'bad') throw new Error('refused');
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished.push(message.id);
    });

    await expect(outcome).rejects.toThrow('refused');
    expect(finished).toEqual(['slow-0']);
  });
});

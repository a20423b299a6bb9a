/**
 * The bus transport (EventBusServer) over both adapters: `@EventPattern` handlers get every message of their
 * topic once per consumer group, in order per key, again after a failure (at-least-once), and never twice after
 * success (deduped by CloudEvent id).
 */
import { randomBytes } from 'node:crypto';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import { type BusLogger, InProcessEventBus, KafkaEventBus } from '@vaxledger/event-bus';
import { type AnyTopics, type CloudEvent, type EventBus, newId } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { BusContext, EventBusServer } from '@vaxledger/runtime';
import { describeWithEngine, eventually, kafkaTestSecurity } from '@vaxledger/testing';

const quiet: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function message(partitionkey: string, sequence: number, id = newId()): CloudEvent {
  return {
    specversion: '1.0',
    id,
    source: '/test',
    type: 'vaxledger.registry.subject.updated',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    partitionkey,
    data: { subjectId: partitionkey, sequence },
  };
}

function transportSuite(name: string, makeBus: () => EventBus<AnyTopics>, patienceMs: number) {
  describe(`EventBusServer over ${name}`, () => {
    let bus: EventBus<AnyTopics>;
    let server: EventBusServer;
    const group = `server-test-${randomBytes(3).toString('hex')}`;

    beforeEach(() => {
      bus = makeBus();
      server = new EventBusServer({ service: 'immunization', bus: bus as unknown as EventBus, kv: new MemoryStore() });
    });
    afterEach(async () => {
      await server.close();
      await bus.close();
    });

    const listen = () => new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));

    it('hands each group every message of its topic, in order per key, and a failed one again until it succeeds', async () => {
      const seen: string[] = [];
      const audited: string[] = [];
      const attempts = new Map<string, number>();
      class SubjectFeed {
        @EventPattern(Topics.registrySubject, { group })
        async onSubject(received: CloudEvent<{ subjectId: string; sequence: number }>, context: BusContext): Promise<void> {
          expect(context).toBeInstanceOf(BusContext);
          expect(context.getTopic()).toBe(Topics.registrySubject);
          attempts.set(received.id, context.getAttempt());
          // The first message fails once: the bus must deliver it again, before the key's next message.
          if (received.id === first.id && context.getAttempt() === 1) throw new Error('store briefly unavailable');
          seen.push(`${received.data.subjectId}:${received.data.sequence}`);
        }
      }
      class AuditFeed {
        @EventPattern(Topics.registrySubject, { group: `${group}-audit` })
        async onSubject(received: CloudEvent<{ sequence: number }>): Promise<void> {
          audited.push(String(received.data.sequence));
        }
      }
      const first = message('subject-a', 0);
      server.bindConsumers([new SubjectFeed(), new AuditFeed()]);
      await listen();
      await bus.publish(Topics.registrySubject, [first, message('subject-a', 1), message('subject-a', 2), message('subject-b', 0)]);

      // A batch that failed is delivered again message by message, so a message may be seen twice, never out of order.
      const distinct = () => [...new Set(seen)];
      await eventually(async () => distinct().length === 4 && new Set(audited).size === 3, patienceMs);
      expect(distinct().filter((line) => line.startsWith('subject-a'))).toEqual(['subject-a:0', 'subject-a:1', 'subject-a:2']);
      expect(attempts.get(first.id)).toBe(2);
    }, patienceMs * 2);

    it('handles a message id once per group, however often it is delivered', async () => {
      const handled: string[] = [];
      class Directory {
        @EventPattern(Topics.identityOrganisation, { group: `${group}-dedupe` })
        async onFacility(received: CloudEvent): Promise<void> {
          handled.push(received.id);
        }
      }
      server.bindConsumers([new Directory()]);
      await listen();
      const repeated = message('facility-1', 0);
      await bus.publish(Topics.identityOrganisation, [repeated]);
      await bus.publish(Topics.identityOrganisation, [repeated, message('facility-1', 1)]);
      await eventually(async () => handled.length >= 2, patienceMs);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(handled.filter((id) => id === repeated.id)).toHaveLength(1);
    }, patienceMs * 2);
  });
}

transportSuite('the in-process bus', () => new InProcessEventBus({ retryBackoffMs: 5 }), 5_000);

describeWithEngine('kafka', 'EventBusServer over Kafka', (url) => {
  transportSuite(
    'Kafka',
    () =>
      new KafkaEventBus({
        brokers: url.split(','),
        security: kafkaTestSecurity(),
        clientId: 'vaxledger-bus-server-test',
        namespace: `vxsrv${randomBytes(3).toString('hex')}`,
        logger: quiet,
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
        maxWaitTimeMs: 200,
        retryBackoffMs: 20,
      }),
    30_000,
  );
});

describe('EventBusServer refusals', () => {
  it('refuses a request-reply handler and an event handler without a consumer group', () => {
    const server = new EventBusServer({ service: 'registry', bus: new InProcessEventBus() as unknown as EventBus, kv: new MemoryStore() });
    class Replies {
      @MessagePattern(Topics.registrySubject)
      async answer(): Promise<string> {
        return 'no';
      }
    }
    class Groupless {
      @EventPattern(Topics.registrySubject)
      async handle(): Promise<void> {}
    }
    expect(() => server.bindConsumers([new Replies()])).toThrow(/use @EventPattern/);
    expect(() => server.bindConsumers([new Groupless()])).toThrow(/needs \{ group \}/);
    expect(() => server.bindConsumers([{}])).toThrow(/declares no @EventPattern handler/);
  });
});

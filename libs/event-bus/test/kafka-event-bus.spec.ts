import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { describeWithEngine, kafkaTestClientSecurity, kafkaTestSecurity } from '@vaxledger/testing';
import { type BusLogger, KafkaEventBus } from '../src';
import { eventBusContract } from './event-bus.contract';

// kafkajs' own chatter stays out of the test output; its errors still show.
const quietLogger: BusLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (entry, message) => process.stderr.write(`kafka error: ${message} ${JSON.stringify(entry)}\n`),
};

describeWithEngine('kafka', 'KafkaEventBus contract', (url) => {
  const brokers = url.split(',');
  let rawProducer: Producer | null = null;

  afterAll(async () => {
    await rawProducer?.disconnect();
  });

  eventBusContract('KafkaEventBus', {
    makeBus: async () =>
      new KafkaEventBus({
        brokers,
        security: kafkaTestSecurity(),
        clientId: 'vaxledger-event-bus-contract',
        logger: quietLogger,
        // Short group timings so members that leave or join are noticed within the test's patience.
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
        maxWaitTimeMs: 200,
        retryBackoffMs: 20,
      }),
    // A producer outside the bus, the way a foreign or broken client would write to the topic.
    publishRaw: async (topic, key, value) => {
      if (!rawProducer) {
        rawProducer = new Kafka({ clientId: 'foreign-producer', brokers, ...kafkaTestClientSecurity(), logLevel: logLevel.ERROR }).producer(
          {
            createPartitioner: Partitioners.DefaultPartitioner,
          },
        );
        await rawProducer.connect();
      }
      await rawProducer.send({ topic, acks: -1, messages: [{ key, value }] });
    },
    quietPeriodMs: 1_000,
    arrivalTimeoutMs: 20_000,
  });
});

describeWithEngine('kafka', 'KafkaEventBus namespaces', (url) => {
  const brokers = url.split(',');
  const makeBus = (namespace: string) =>
    new KafkaEventBus({
      brokers,
      security: kafkaTestSecurity(),
      clientId: `vaxledger-namespace-${namespace}`,
      namespace,
      logger: quietLogger,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 200,
    });

  it('keeps two deployments on one broker apart, while handlers see the plain topic name', async () => {
    const run = Date.now().toString(36);
    const staging = makeBus(`staging-${run}`);
    const training = makeBus(`training-${run}`);
    const seen: Record<string, Array<{ id: string; topic: string }>> = { staging: [], training: [] };
    try {
      for (const [name, bus] of [
        ['staging', staging],
        ['training', training],
      ] as const) {
        await bus.subscribe({
          groupId: 'audit.trail-intake',
          topics: ['vaxledger.registry.subject.v1'],
          handler: async (message, context) => void seen[name].push({ id: message.id, topic: context.topic }),
        });
      }
      const message = (id: string) => ({
        specversion: '1.0' as const,
        id,
        source: '/vaxledger/registry',
        type: 'vaxledger.registry.subject.registered',
        time: new Date().toISOString(),
        datacontenttype: 'application/json' as const,
        partitionkey: 'subject-1',
        data: {},
      });
      await staging.publish('vaxledger.registry.subject.v1', [message(`staging-${run}`)]);
      await training.publish('vaxledger.registry.subject.v1', [message(`training-${run}`)]);
      const deadline = Date.now() + 20_000;
      while ((seen.staging.length === 0 || seen.training.length === 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(seen.staging).toEqual([{ id: `staging-${run}`, topic: 'vaxledger.registry.subject.v1' }]);
      expect(seen.training).toEqual([{ id: `training-${run}`, topic: 'vaxledger.registry.subject.v1' }]);
    } finally {
      await staging.close();
      await training.close();
    }
  }, 60_000);
});

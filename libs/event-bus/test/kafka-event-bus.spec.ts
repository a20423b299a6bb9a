import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { describeWithEngine } from '@vaxledger/testing';
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
        rawProducer = new Kafka({ clientId: 'foreign-producer', brokers, logLevel: logLevel.ERROR }).producer(
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

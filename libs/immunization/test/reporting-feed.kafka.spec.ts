/**
 * The reporting feed end to end on a real Kafka broker: registry's subject event (with full personal data)
 * arrives on Kafka, doses are recorded, the KafkaEventBus relay publishes them, and both the example coverage
 * consumer and a raw kafkajs consumer read `vaxledger.immunization.dose.v1`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { doseReportEventTypes, Topics } from '@vaxledger/contracts';
import { createTopicsAndAwaitLeaders, KafkaEventBus } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { newId, systemClock } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { createLogger, EventPipeline, Metrics, ReadinessRegistry, type ServiceInfrastructure } from '@vaxledger/runtime';
import { describeWithEngine, eventually, kafkaTestClientSecurity, kafkaTestSecurity } from '@vaxledger/testing';
import { startCoverageConsumer } from '../../../examples/coverage-consumer/coverage-consumer';
import { loadVaccineCatalogue } from '../src/catalogue/vaccine-catalogue.file';
import { immunizationStreamId } from '../src/domain/immunization-record.events';
import { ImmunizationRecords } from '../src/immunization-records';
import { immunizationPipeline } from '../src/immunization.composition';
import { doseReportingKey, subjectReportingKey } from '../src/integration/reporting-pseudonyms';
import { ImmunizationReadModels } from '../src/read-models/immunization-read-models';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describeWithEngine('kafka', 'pseudonymous reporting feed on Kafka', (url) => {
  const brokers = url.split(',');
  const catalogue = loadVaccineCatalogue();
  const lookupKey = randomBytes(32);
  let dir: string;
  let eventStore: SqliteEventStore;
  let readModelStore: SqliteReadModelStore;
  let bus: KafkaEventBus;
  let pipeline: EventPipeline | null = null;
  let rawConsumer: Consumer | null = null;

  const people = [
    { subjectId: newId(), fullName: 'Nguyễn Thị Minh Khai', phone: '+84912345678', idNumber: '079185001234', dateOfBirth: '1985-03-14', gender: 'female' },
    { subjectId: newId(), fullName: 'Trần Văn Bảy', phone: '+84987654321', idNumber: '001090009876', dateOfBirth: '1990-11-02', gender: 'male' },
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vx-reporting-'));
    eventStore = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 50 });
    readModelStore = new SqliteReadModelStore(join(dir, 'read-models.db'));
    bus = new KafkaEventBus({ brokers, security: kafkaTestSecurity(), clientId: 'immunization-reporting-test', logger: quiet, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200, retryBackoffMs: 20 });
    // Readers subscribe before the first dose is published, so the topics must exist already (as in production).
    const admin = new Kafka({ clientId: 'immunization-reporting-admin', brokers, ...kafkaTestClientSecurity(), logLevel: logLevel.ERROR }).admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = [Topics.immunizationDose, Topics.immunizationRecord, Topics.registrySubject, Topics.identityOrganisation, Topics.auditAccess].filter((t) => !existing.has(t));
    await createTopicsAndAwaitLeaders(admin, missing.map((topic) => ({ topic, numPartitions: 3 })));
    await admin.disconnect();
  });

  afterAll(async () => {
    await pipeline?.stop();
    await rawConsumer?.disconnect();
    await bus?.close();
    await eventStore?.close();
    await readModelStore?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes doses keyed by pseudonym, with no personal data, and the example consumer builds the coverage table', async () => {
    const subjectKeys = new Map(people.map((p) => [subjectReportingKey(lookupKey, p.subjectId), p]));

    // A raw reader of the topic, to check the bytes on the wire: it keeps only this run's messages (our keys).
    const raw: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
    rawConsumer = new Kafka({ clientId: 'raw-reporting-reader', brokers, ...kafkaTestClientSecurity(), logLevel: logLevel.ERROR }).consumer({ groupId: `raw-reporting-${newId()}`, maxWaitTimeInMs: 200 });
    await rawConsumer.connect();
    await rawConsumer.subscribe({ topic: Topics.immunizationDose, fromBeginning: true });
    await rawConsumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString('utf8') ?? '';
        if (!subjectKeys.has(key)) return;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        raw.push({ key, value: message.value?.toString('utf8') ?? '', headers });
      },
    });

    // The example consumer joins first and reads only what arrives after it: earlier runs' doses stay out.
    const coverage = startCoverageConsumer({ brokers, ...kafkaTestClientSecurity(), groupId: `coverage-example-${newId()}`, fromBeginning: false, maxMessages: 4, timeoutMs: 90_000 });
    await coverage.ready;

    const infra: ServiceInfrastructure = {
      service: 'immunization',
      eventStore,
      readModels: readModelStore,
      kv: new MemoryStore(),
      bus,
      delivery: { send: async () => undefined },
      clock: systemClock,
      logger: createLogger({ service: 'immunization-test', level: 'silent' }),
      metrics: new Metrics(),
      readiness: new ReadinessRegistry(),
      keys: { tokenPublicKey: generateKeyPairSync('ed25519').publicKey, lookupKey: Buffer.alloc(0), purposeKeys: { reportingPseudonyms: lookupKey } },
      settings: {},
    };
    pipeline = new EventPipeline(infra, immunizationPipeline(infra, catalogue, new ImmunizationReadModels(readModelStore)));
    await pipeline.subscribeConsumers();
    await pipeline.start();

    // Registry's feed carries everything it knows; only date of birth, sex and residence may be kept.
    await bus.publish(
      Topics.registrySubject,
      people.map((person) => ({
        specversion: '1.0' as const,
        id: newId(),
        source: '/vaxledger/registry',
        type: 'vaxledger.registry.subject.registered',
        time: new Date().toISOString(),
        datacontenttype: 'application/json' as const,
        partitionkey: person.subjectId,
        data: {
          subjectId: person.subjectId,
          managingFacilityId: 'facility-79',
          provinceCode: '79',
          districtCode: '769',
          birthYear: Number(person.dateOfBirth.slice(0, 4)),
          gender: person.gender,
          dateOfBirth: person.dateOfBirth,
          fullName: person.fullName,
          phone: person.phone,
          idDocument: { type: 'CCCD', number: person.idNumber },
        },
      })),
    );

    const records = new ImmunizationRecords(eventStore);
    for (const person of people) {
      await eventually(async () => (await records.load(immunizationStreamId(person.subjectId))).state.facts?.dateOfBirth === person.dateOfBirth, 30_000);
    }
    const meta = { actor: { accountId: 'vaccinator-1', facilityId: 'facility-79', provinceCode: '79' }, now: new Date(), correlationId: newId() };
    const record = (subjectId: string, doseId: string, vaccineCode: string, date: string) =>
      records.handle(
        immunizationStreamId(subjectId),
        {
          type: 'RecordDose',
          subjectId,
          doseId,
          vaccineCode,
          lotNumber: 'LOT-1',
          administeredAt: `${date}T09:00:00+07:00`,
          facilityId: 'facility-79',
          planId: null,
          site: 'LD',
          route: null,
          vaccinatorId: 'vaccinator-1',
          facilityLocation: { provinceCode: '79', districtCode: '769' },
          catalogue,
          now: new Date(),
        },
        meta,
      );
    const [khai, bay] = people;
    const doseIds = [newId(), newId(), newId()];
    await record(khai.subjectId, doseIds[0], 'VAXZEVRIA', '2021-08-01');
    await record(khai.subjectId, doseIds[1], 'VAXZEVRIA', '2021-09-01');
    await record(bay.subjectId, doseIds[2], 'COMIRNATY', '2021-08-01');
    await records.handle(immunizationStreamId(bay.subjectId), { type: 'VoidDose', subjectId: bay.subjectId, doseId: doseIds[2], reason: 'wrong person' }, meta);

    const { table, messages, timedOut } = await coverage.done;
    expect(timedOut).toBe(false);
    expect(messages).toBe(4);
    expect(table.rows()).toEqual([
      { date: '2021-08-01', provinceCode: '79', vaccineCode: 'VAXZEVRIA', doseNumber: 1, doses: 1 },
      { date: '2021-09-01', provinceCode: '79', vaccineCode: 'VAXZEVRIA', doseNumber: 2, doses: 1 },
    ]);
    expect(table.render()).toMatch(/2021-09-01\s+79\s+VAXZEVRIA\s+2\s+1/);

    await eventually(async () => raw.length >= 4, 30_000);
    expect(raw).toHaveLength(4);
    const forbidden = [
      ...people.flatMap((p) => [p.fullName, p.phone, p.phone.replace('+84', '0'), p.idNumber, p.dateOfBirth, p.subjectId]),
      ...doseIds,
      'facility-79',
      'vaccinator-1',
      meta.correlationId,
    ];
    for (const message of raw) {
      for (const secret of forbidden) expect(message.value).not.toContain(secret);
      expect(message.headers).toEqual({ 'content-type': 'application/cloudevents+json' });
      const event = JSON.parse(message.value);
      expect(event.partitionkey).toBe(message.key);
      expect(event.correlationid).toBeUndefined();
      expect(event.time).toMatch(/T\d{2}:00:00Z$/);
      expect(Object.keys(event.data).sort()).toEqual(
        ['ageBand', 'date', 'districtCode', 'doseKey', 'doseNumber', 'program', 'provinceCode', 'sex', 'status', 'subjectKey', 'vaccineCode'].sort(),
      );
      expect(event.data.subjectKey).toBe(message.key);
      expect(event.data.ageBand).toBe('18-49');
    }
    const messagesOf = (person: (typeof people)[number]) => raw.filter((m) => subjectKeys.get(m.key) === person).map((m) => JSON.parse(m.value));
    expect(messagesOf(khai).map((e) => [e.type, e.data.doseNumber, e.data.sex])).toEqual([
      [doseReportEventTypes.recorded, 1, 'female'],
      [doseReportEventTypes.recorded, 2, 'female'],
    ]);
    expect(messagesOf(bay).map((e) => [e.type, e.data.status, e.data.doseKey])).toEqual([
      [doseReportEventTypes.recorded, 'completed', doseReportingKey(lookupKey, doseIds[2])],
      [doseReportEventTypes.voided, 'voided', doseReportingKey(lookupKey, doseIds[2])],
    ]);
  }, 180_000);
});

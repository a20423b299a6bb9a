/**
 * Example downstream consumer of vaxledger's pseudonymous reporting feed (`vaxledger.immunization.dose.v1`).
 * It builds a daily coverage table (doses by date, province, vaccine and dose number) and prints it.
 *
 *   npm run build
 *   KAFKA_BROKERS=127.0.0.1:19092 KAFKA_SASL_USERNAME=vaxledger-reporting KAFKA_SASL_PASSWORD=... \
 *   KAFKA_TLS_CA_FILE=ca.pem node dist/examples/coverage-consumer/coverage-consumer.js \
 *     [--max-messages N] [--timeout S] [--group ID] [--from-latest]
 *
 * The reporting principal may read this topic only, in consumer groups starting with `reporting.`.
 *
 * Each message is the current state of one dose, keyed by the subject pseudonym: the table keeps the latest
 * message per `doseKey`, so corrections move a dose and voids remove it. Delivery is at least once; messages are
 * deduplicated by CloudEvent id.
 */
import { readFileSync } from 'node:fs';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { type DoseReportMessage, doseReportEventTypes, Topics } from '@vaxledger/contracts';

export interface ReportingCloudEvent {
  specversion: '1.0';
  id: string;
  type: string;
  time: string;
  partitionkey: string;
  data: DoseReportMessage;
}

export interface CoverageRow {
  date: string;
  provinceCode: string;
  vaccineCode: string;
  doseNumber: number;
  doses: number;
}

const knownTypes = new Set<string>(Object.values(doseReportEventTypes));

export class CoverageTable {
  private readonly seen = new Set<string>();
  private readonly latestByDose = new Map<string, DoseReportMessage>();

  /** Applies one message; false when it was a duplicate or not a dose report. */
  apply(event: ReportingCloudEvent): boolean {
    if (!knownTypes.has(event.type) || this.seen.has(event.id)) return false;
    this.seen.add(event.id);
    this.latestByDose.set(event.data.doseKey, event.data);
    return true;
  }

  rows(): CoverageRow[] {
    const cells = new Map<string, CoverageRow>();
    for (const dose of this.latestByDose.values()) {
      if (dose.status !== 'completed') continue;
      const provinceCode = dose.provinceCode ?? '??';
      const key = [dose.date, provinceCode, dose.vaccineCode, dose.doseNumber].join('|');
      const cell = cells.get(key) ?? { date: dose.date, provinceCode, vaccineCode: dose.vaccineCode, doseNumber: dose.doseNumber, doses: 0 };
      cell.doses += 1;
      cells.set(key, cell);
    }
    return [...cells.values()].sort(
      (a, b) => a.date.localeCompare(b.date) || a.provinceCode.localeCompare(b.provinceCode) || a.vaccineCode.localeCompare(b.vaccineCode) || a.doseNumber - b.doseNumber,
    );
  }

  render(): string {
    const header = ['date', 'province', 'vaccine', 'dose', 'doses'];
    const lines = this.rows().map((r) => [r.date, r.provinceCode, r.vaccineCode, String(r.doseNumber), String(r.doses)]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const format = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
    return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
  }
}

export interface CoverageConsumerOptions {
  brokers: string[];
  /** TLS and SASL of the reporting principal (kafkajs settings). */
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  groupId?: string;
  /** Read the topic from its start (default) or only what arrives after joining. */
  fromBeginning?: boolean;
  /** Stop after this many dose reports. */
  maxMessages?: number;
  /** Stop after this long without reaching maxMessages. */
  timeoutMs?: number;
}

export interface RunningCoverageConsumer {
  /** Resolves once the consumer holds its partitions and knows where to read from: publish after this. */
  ready: Promise<void>;
  /** Resolves with the table when maxMessages were read or the timeout passed. */
  done: Promise<{ table: CoverageTable; messages: number; timedOut: boolean }>;
  stop(): Promise<void>;
}

export function startCoverageConsumer(options: CoverageConsumerOptions): RunningCoverageConsumer {
  const kafka = new Kafka({
    clientId: 'coverage-consumer-example',
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl,
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({ groupId: options.groupId ?? 'reporting.coverage-consumer-example', maxWaitTimeInMs: 500 });
  const table = new CoverageTable();
  let messages = 0;
  let finished = false;
  let finish!: (timedOut: boolean) => void;
  let markReady!: () => void;
  let failReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  const done = new Promise<{ table: CoverageTable; messages: number; timedOut: boolean }>((resolve) => {
    finish = (timedOut) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      void consumer.disconnect().finally(() => resolve({ table, messages, timedOut }));
    };
  });
  const timer = setTimeout(() => finish(true), options.timeoutMs ?? 60_000);

  // A new group reading "from latest" fixes its start offsets on its first fetch, not when it joins, so
  // readiness waits for that fetch: anything published afterwards is seen.
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  consumer.on(consumer.events.FETCH, () => {
    if (joined) markReady();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => failReady(payload.error));

  void (async () => {
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.immunizationDose, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (finished || !message.value) return;
          let event: ReportingCloudEvent;
          try {
            event = JSON.parse(message.value.toString('utf8')) as ReportingCloudEvent;
          } catch {
            return; // not ours to fix: a reporting consumer skips what it cannot read
          }
          if (table.apply(event)) messages += 1;
          if (options.maxMessages !== undefined && messages >= options.maxMessages) finish(false);
        },
      });
    } catch (error) {
      failReady(error);
      finish(true);
    }
  })();

  return { ready, done, stop: async () => finish(true) };
}

function parseArguments(argv: string[]): { maxMessages?: number; timeoutMs: number; groupId?: string; fromBeginning: boolean } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const max = value('--max-messages');
  const timeout = value('--timeout');
  return {
    maxMessages: max === undefined ? undefined : Number(max),
    timeoutMs: (timeout === undefined ? 30 : Number(timeout)) * 1000,
    groupId: value('--group'),
    fromBeginning: !argv.includes('--from-latest'),
  };
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) {
    process.stderr.write('KAFKA_BROKERS is not set (e.g. KAFKA_BROKERS=127.0.0.1:19092)\n');
    process.exit(2);
  }
  const args = parseArguments(process.argv.slice(2));
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_TLS_CA_FILE: caFile } = process.env;
  const running = startCoverageConsumer({
    brokers,
    ...(caFile || process.env.KAFKA_TLS === 'true' ? { ssl: caFile ? { ca: [readFileSync(caFile, 'utf8')] } : true } : {}),
    ...(username && password ? { sasl: { mechanism: 'scram-sha-512' as const, username, password } } : {}),
    ...args,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop());
  const { table, messages, timedOut } = await running.done;
  process.stdout.write(`${table.render()}\n\n${messages} dose report(s) read${timedOut ? ' (stopped by timeout)' : ''}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}

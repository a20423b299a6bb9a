/**
 * `npm run bench -- --distributed`: the HTTP scenarios against the four services as separate processes behind
 * nginx, on the real Kafka, Mongo-wire and Redis engines (the engines of `scripts/engines.sh`, addresses from
 * KAFKA_BROKERS, MONGO_URL and REDIS_URL), with the SQLite event store standing in for EventStoreDB
 * (EVENT_STORE=sqlite; EventStoreDB cannot be installed here). Besides throughput and latency of the requests
 * it measures what only this mode has:
 * - the delay from an acknowledged dose to its visibility in the dose history (a read model fed over the
 *   service's own projection) and on the reporting topic `vaxledger.immunization.dose.v1` (read by a consumer
 *   of our own, matched by the dose's reporting pseudonym), p50/p99;
 * - Kafka consumer lag of every service group, sampled every 500 ms during the load;
 * - the RSS of each service process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { engineUrl, kafkaTestClientSecurity } from '@vaxledger/testing';
import { Topics } from '@vaxledger/contracts';
import {
  DistributedDeployment,
  distributedServices,
  kafkaNamespaceOf,
  nginxForThisRun,
} from '@vaxledger/distributed-e2e';
import { doseReportingKey } from '@vaxledger/immunization';
import { newId } from '@vaxledger/kernel';
import { derivePurposeKey } from '@vaxledger/runtime';
import type { BenchContext } from './bench-context';
import { describeMachine } from './bench-report';
import { mintAccessToken, staffPrincipal } from './bench-tokens';
import { runLoad } from './http-load';
import { benchSearchQuotaEnv } from './inprocess-worker';
import { readProcessMemory } from './process-memory';
import { repoRoot, resultsDir } from './repo-paths';
import { SubjectGenerator } from './subject-generator';

/** Why a run could not start (missing engines or nginx): the caller exits with 3, measuring nothing. */
export class DistributedUnavailable extends Error {}

interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted[sorted.length - 1] ?? NaN) };
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

export async function runDistributedBench(ctx: BenchContext): Promise<number> {
  const { options, log } = ctx;
  // As the e2e suite takes them: the Mongo address with its TLS and SCRAM settings from the engine credentials.
  const engines = {
    kafkaBrokers: engineUrl('kafka') ?? '',
    mongoUrl: engineUrl('mongo') ?? '',
    redisUrl: engineUrl('redis') ?? '',
  };
  const missing = Object.entries({ KAFKA_BROKERS: engines.kafkaBrokers, MONGO_URL: engines.mongoUrl, REDIS_URL: engines.redisUrl })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length) {
    throw new DistributedUnavailable(
      `--distributed needs the engines: ${missing.join(', ')} not set (start them with npm run engines -- up, then source .engines/env.sh)`,
    );
  }
  const nginxBinary = nginxForThisRun();
  if (!nginxBinary) throw new DistributedUnavailable('--distributed needs nginx (apt-get install -y nginx)');

  const subjects = Math.min(options.subjectCounts[options.subjectCounts.length - 1], options.mode === 'quick' ? 300 : 20_000);
  const runId = Math.random().toString(16).slice(2, 10);
  const namespace = kafkaNamespaceOf(runId);
  // The operator's own principal of the engines (KAFKA_SASL_*, KAFKA_TLS_CA_FILE from .engines/env.sh), like the e2e tap.
  const kafka = new Kafka({ clientId: `vx-bench-${runId}`, brokers: engines.kafkaBrokers.split(','), ...kafkaTestClientSecurity(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const reportingTopic = `${namespace}.${Topics.immunizationDose}`;
  // Created up front with the services' shape, so our consumer reads it from its first message.
  await admin.createTopics({ topics: [{ topic: reportingTopic, numPartitions: 3 }], waitForLeaders: true }).catch(() => false);
  const reportedAt = new Map<string, number>();
  const reporting = kafka.consumer({ groupId: `${namespace}.bench-reporting`, maxWaitTimeInMs: 100 });
  await reporting.connect();
  await reporting.subscribe({ topics: [reportingTopic], fromBeginning: true });
  await reporting.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const event = JSON.parse(message.value.toString('utf8')) as { data?: { doseKey?: string } };
      const key = event.data?.doseKey;
      if (key && !reportedAt.has(key)) reportedAt.set(key, performance.now());
    },
  });

  log(`[distributed] starting identity, registry, immunization, audit behind nginx (run ${runId})`);
  const deployment = await DistributedDeployment.start({
    repositoryRoot: repoRoot,
    runId,
    nginxBinary,
    engines,
    settings: { registry: benchSearchQuotaEnv },
  });
  const base = deployment.gateway.url;
  const result: Record<string, unknown> = {};
  const lagSamples: Array<{ atMs: number; byGroup: Record<string, number>; total: number }> = [];
  let sampling: NodeJS.Timeout | null = null;
  const startedAt = performance.now();
  const sampleLag = async () => {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(`${namespace}.`) && !id.endsWith('bench-reporting'));
    const byGroup: Record<string, number> = {};
    for (const groupId of groups) {
      let lag = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const high = Number(ends.find((e) => e.partition === partition)?.high ?? 0);
          lag += Math.max(0, high - (Number(offset) < 0 ? 0 : Number(offset)));
        }
      }
      byGroup[groupId.slice(namespace.length + 1)] = lag;
    }
    const total = Object.values(byGroup).reduce((a, b) => a + b, 0);
    lagSamples.push({ atMs: Math.round(performance.now() - startedAt), byGroup, total });
    return total;
  };
  const startSampling = () => {
    let busy = false;
    sampling = setInterval(() => {
      if (busy) return;
      busy = true;
      sampleLag()
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 500);
  };

  try {
    const facilityId = newId();
    const token = await mintAccessToken(
      staffPrincipal(facilityId, '79', ['data_entry', 'dose_history_update', 'subject_management']),
      deployment.tokenSigningKey(),
    );
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-purpose': 'vaccination' };

    // register-http: the data set goes in over the gateway (no shared file to import into in this mode).
    log(`[register-http] ${subjects} subjects over the gateway`);
    const generator = new SubjectGenerator({ seed: options.seed });
    const people = Array.from({ length: subjects }, () => generator.next());
    const registered: Array<{ subjectId: string; fullName: string; phone: string; birthYear: number }> = [];
    const registerLatencies: number[] = [];
    let registerErrors = 0;
    startSampling();
    const registerStarted = performance.now();
    await inParallel(people, 8, async (person) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/subjects`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
          gender: person.gender,
          idDocument: person.idDocument,
          phone: person.phone,
          address: person.address,
        }),
      });
      const body = (await response.json()) as { subjectId?: string };
      registerLatencies.push(performance.now() - started);
      if (response.status === 201 && body.subjectId)
        registered.push({ subjectId: body.subjectId, fullName: person.fullName, phone: person.phone, birthYear: Number(person.dateOfBirth.slice(0, 4)) });
      else registerErrors++;
    });
    const registerSeconds = (performance.now() - registerStarted) / 1000;
    result['register-http'] = {
      subjects,
      throughputPerSec: Math.round(registered.length / registerSeconds),
      ...summarize(registerLatencies),
      errors: registerErrors,
    };
    log(`  ${registered.length} registered, ${registerErrors} errors`);

    // The other services learn the subjects over Kafka: wait until every service group has no lag.
    const caughtUpStarted = performance.now();
    let lagLeft = 0;
    for (;;) {
      lagLeft = await sampleLag();
      if (lagLeft === 0 || performance.now() - caughtUpStarted > 300_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    result.catchUpAfterRegistrationSeconds = Math.round((performance.now() - caughtUpStarted) / 100) / 10;
    // Said outright: a run that gave up waiting records doses for people the other services do not know yet.
    result.caughtUpAfterRegistration = lagLeft === 0;
    result.lagLeftAfterCatchUpWait = lagLeft;
    if (lagLeft > 0) log(`  gave up waiting after 300 s with ${lagLeft} messages of consumer lag left`);

    // search-http: name + phone of registered people, through nginx.
    const searchFile = join(ctx.workDir, 'distributed-search.jsonl');
    writeFileSync(
      searchFile,
      registered.map((s) => JSON.stringify({ path: '/api/v1/subjects/search', body: { fullName: s.fullName, phone: s.phone } })).join('\n') + '\n',
    );
    const seconds = Math.min(options.loadSeconds, options.mode === 'quick' ? 5 : options.loadSeconds);
    log(`[search-http] ${seconds} s, ${Math.min(16, options.connections)} connections`);
    const search = await runLoad(
      { baseUrl: base, method: 'POST', headers, requestsFile: searchFile, durationSeconds: seconds, connections: Math.min(16, options.connections) },
      ctx.workDir,
      'distributed-search-http',
    );
    result['search-http'] = search;

    // dose-record-http with the delays to the dose history and the reporting topic.
    const adults = registered.filter((s) => s.birthYear <= 2002);
    log(`[dose-record-http] one dose for each of ${adults.length} adults, delays to history and reporting topic`);
    // The reporting topic's dose keys are made with immunization's pseudonym key, derived from the root secret.
    const pseudonymKey = derivePurposeKey(deployment.lookupKey(), 'reporting-pseudonyms');
    const ackLatencies: number[] = [];
    const historyDelays: number[] = [];
    const pending: Array<{ doseKey: string; ackedAt: number }> = [];
    let doseErrors = 0;
    const doseErrorCodes: Record<string, number> = {};
    const doseStarted = performance.now();
    await inParallel(adults, 4, async (subject, i) => {
      const day = new Date(Date.UTC(2021, 6, 1) + (i % 90) * 86_400_000).toISOString().slice(0, 10);
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/subjects/${subject.subjectId}/doses`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ vaccineCode: 'COMIRNATY', lotNumber: 'FK5127', administeredAt: `${day}T09:30:00+07:00`, facilityId, site: 'LD' }),
      });
      const ackedAt = performance.now();
      const body = (await response.json()) as { doseId?: string };
      ackLatencies.push(ackedAt - started);
      if (response.status !== 201 || !body.doseId) {
        doseErrors++;
        const code = `${response.status} ${(body as { error?: string }).error ?? ''}`.trim();
        doseErrorCodes[code] = (doseErrorCodes[code] ?? 0) + 1;
        return;
      }
      pending.push({ doseKey: doseReportingKey(pseudonymKey, body.doseId), ackedAt });
      // Visible in the dose history: the first read that lists it.
      for (let attempt = 0; attempt < 2000; attempt++) {
        const history = await fetch(`${base}/api/v1/subjects/${subject.subjectId}/doses`, { headers });
        const text = await history.text();
        if (history.status === 200 && text.includes(body.doseId)) {
          historyDelays.push(performance.now() - ackedAt);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const doseSeconds = (performance.now() - doseStarted) / 1000;
    const waitReported = performance.now();
    while (pending.some((p) => !reportedAt.has(p.doseKey)) && performance.now() - waitReported < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const reportingDelays = pending.flatMap((p) => (reportedAt.has(p.doseKey) ? [reportedAt.get(p.doseKey)! - p.ackedAt] : []));
    result['dose-record-http'] = {
      doses: ackLatencies.length,
      throughputPerSec: Math.round((ackLatencies.length - doseErrors) / doseSeconds),
      ...summarize(ackLatencies),
      errors: doseErrors,
      errorsByStatus: doseErrorCodes,
      concurrency: 4,
    };
    result.doseVisibleInHistoryMs = summarize(historyDelays);
    result.doseOnReportingTopicMs = { ...summarize(reportingDelays), missing: pending.length - reportingDelays.length };
    if (sampling) clearInterval(sampling);
    await sampleLag();
    result.kafkaConsumerLag = {
      maxTotal: Math.max(0, ...lagSamples.map((s) => s.total)),
      samples: lagSamples.length,
      series: lagSamples,
    };
    result.serviceRssMb = Object.fromEntries(
      distributedServices.map((service) => [service, readProcessMemory(deployment.services[service].pid ?? -1)?.peakRssMb ?? null]),
    );
  } finally {
    if (sampling) clearInterval(sampling);
    await reporting.disconnect().catch(() => undefined);
    await admin.deleteGroups([`${namespace}.bench-reporting`]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await deployment.close({ keepFiles: options.keepData });
  }

  const run = {
    mode: 'distributed',
    validity:
      'A functional run at tiny size on a shared, loaded 2-core machine (every engine, service, nginx and the load on the same cores, other engineers\u2019 work beside them): the throughput and latency figures are NOT measurements of the system and must not be read as section-6 results. What it shows is that the scenarios, delays and lag sampling work end to end.',
    startedAt: new Date().toISOString(),
    machine: describeMachine(),
    subjects,
    engines: 'Kafka (KRaft), FerretDB (Mongo wire), redis-server from scripts/engines.sh; event stores: SQLite stand-in (EVENT_STORE=sqlite)',
    ...result,
  };
  mkdirSync(resultsDir, { recursive: true });
  // Beside the standalone results of the same mode and day: full-<date>-distributed.json, quick-<date>-distributed.json.
  const file = join(resultsDir, `${options.mode}-${run.startedAt.slice(0, 10)}${options.label ? `-${options.label}` : ''}-distributed.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  const show = (name: string) => JSON.stringify(result[name]);
  log(`register-http ${show('register-http')}`);
  log(`search-http p50 ${(result['search-http'] as { p50Ms: number }).p50Ms} ms, p99 ${(result['search-http'] as { p99Ms: number }).p99Ms} ms`);
  log(`dose-record-http ${show('dose-record-http')}`);
  log(`dose visible in history ${show('doseVisibleInHistoryMs')}; on the reporting topic ${show('doseOnReportingTopicMs')}`);
  log(`max consumer lag ${(result.kafkaConsumerLag as { maxTotal: number }).maxTotal} messages; RSS per service ${show('serviceRssMb')}`);
  log(`written to ${file} (labelled: not valid throughput numbers)`);
  return 0;
}

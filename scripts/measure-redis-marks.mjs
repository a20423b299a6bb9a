// Measures what one processed-message mark costs in Redis: the key and value shapes of ProcessedMessageGuard
// (`vx:<service>:processed:<service>.<group>:<event id>` → `<topic>/<partition>/<offset>`, 7-day TTL), written
// in MULTI batches of 500 as `RedisStore.setMany` does. For docs/capacity.md, which needs the per-mark cost to
// size Redis; the standalone disk breakdown measures the same marks only in SQLite.
//
//   REDIS_URL=redis://127.0.0.1:<port> node scripts/measure-redis-marks.mjs [marks] [result.json]
//
// Run it against an empty Redis of your own (it FLUSHes nothing, but reads INFO memory before and after, so
// other writers would distort the figure).
import { writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import { v7 as uuidv7 } from 'uuid';

const url = process.env.REDIS_URL;
if (!url) {
  console.error('REDIS_URL is required, e.g. redis://127.0.0.1:26391');
  process.exit(2);
}
const marks = Number(process.argv[2] ?? 200000);
const resultFile = process.argv[3];
const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;
const client = new Redis(url);

async function usedMemory() {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

const before = await usedMemory();
const keysBefore = await client.dbsize();
let offset = 40000000;
for (let written = 0; written < marks; written += 500) {
  const transaction = client.multi();
  for (let i = 0; i < 500 && written + i < marks; i += 1) {
    const key = `vx:immunization:processed:immunization.registry-subjects:${uuidv7()}`;
    const value = `vaxledger.registry.subject.v1/${(written + i) % 12}/${offset++}`;
    transaction.set(key, value, 'PX', sevenDaysMs);
  }
  await transaction.exec();
}
const after = await usedMemory();
const keysAfter = await client.dbsize();
const sample = (await client.scan(0, 'COUNT', 20))[1].slice(0, 5);
const sampledUsage = [];
for (const key of sample) sampledUsage.push(await client.memory('USAGE', key));
const serverVersion = /redis_version:(\S+)/.exec(await client.info('server'))[1];
await client.quit();

const result = {
  kind: 'redis-processed-marks',
  measuredAt: new Date().toISOString(),
  redisVersion: serverVersion,
  marks,
  keysAdded: keysAfter - keysBefore,
  usedMemoryBefore: before,
  usedMemoryAfter: after,
  bytesPerMark: Math.round((after - before) / (keysAfter - keysBefore)),
  memoryUsageOfSampleKeys: sampledUsage,
  keyShape: 'vx:immunization:processed:immunization.registry-subjects:<uuidv7>',
  valueShape: 'vaxledger.registry.subject.v1/<partition>/<offset>',
  ttlMs: sevenDaysMs,
  notes: [
    'bytesPerMark = (used_memory after − before) / keys added: key, value, expiry entry, dictionary slots and allocator rounding',
    'memoryUsageOfSampleKeys: MEMORY USAGE of a few keys (excludes the expires dictionary and rehash slack)',
  ],
};
console.log(JSON.stringify(result, null, 2));
if (resultFile) writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);

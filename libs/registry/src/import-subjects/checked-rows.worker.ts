/**
 * Worker-thread entry of `checkedRowsInWorker`: reads and checks the CSV, posting one batch at a time. It checks
 * the next batch while the main thread commits the current one, and waits for the main thread to take that batch
 * before reading further, so slow commits do not fill memory with parsed rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '@vaxledger/kernel';
import { LookupHasher } from '../privacy/lookup-hasher';
import { readCheckedRows, type CheckedRowsOptions } from './checked-rows';
import type { CheckedRowsMessage } from './checked-rows-in-worker';

interface CheckedRowsWorkerData {
  file: string;
  keys: { phoneLookup: Uint8Array; idLookup: Uint8Array };
  options: CheckedRowsOptions;
}

/** Batches posted but not yet taken by the main thread: one is ready while the main thread commits another. */
const batchesAhead = 1;

async function run(port: NonNullable<typeof parentPort>): Promise<void> {
  const { file, keys, options } = workerData as CheckedRowsWorkerData;
  const hasher = new LookupHasher({ phoneLookup: Buffer.from(keys.phoneLookup), idLookup: Buffer.from(keys.idLookup) });
  let unacknowledged = 0;
  let wakeProducer: (() => void) | null = null;
  port.on('message', () => {
    unacknowledged--;
    wakeProducer?.();
  });
  const post = (message: CheckedRowsMessage) => port.postMessage(message);
  try {
    for await (const batch of readCheckedRows(file, hasher, systemClock, options)) {
      post({ kind: 'batch', batch });
      unacknowledged++;
      while (unacknowledged >= batchesAhead) await new Promise<void>((resolve) => (wakeProducer = resolve));
      wakeProducer = null;
    }
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

if (parentPort) void run(parentPort);

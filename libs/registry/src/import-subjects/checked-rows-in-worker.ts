/** Runs `readCheckedRows` on a worker thread, so parsing and validation use the core the commits leave idle. */
import type { LookupHasher } from '../privacy/lookup-hasher';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckedRowBatch, CheckedRowSource } from './checked-rows';

export type CheckedRowsMessage =
  | { kind: 'batch'; batch: CheckedRowBatch }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

/** The compiled worker; absent when this module runs from TypeScript sources (tests), which parse in-thread. */
const workerFile = join(__dirname, 'checked-rows.worker.js');

export function checkedRowsWorkerAvailable(): boolean {
  return __filename.endsWith('.js') && existsSync(workerFile);
}

export function checkedRowsInWorker(hasher: LookupHasher): CheckedRowSource {
  const { phoneLookup, idLookup } = hasher.keys;
  return (file, options) => ({
    [Symbol.asyncIterator]: () => {
      const worker = new Worker(workerFile, { workerData: { file, keys: { phoneLookup: new Uint8Array(phoneLookup), idLookup: new Uint8Array(idLookup) }, options } });
      const received: CheckedRowsMessage[] = [];
      let waiting: (() => void) | null = null;
      let exitError: Error | null = null;
      let ended = false;
      worker.on('message', (message: CheckedRowsMessage) => {
        if (message.kind !== 'batch') ended = true;
        received.push(message);
        waiting?.();
      });
      worker.on('error', (error) => {
        exitError = error;
        waiting?.();
      });
      worker.on('exit', (code) => {
        // Messages posted just before the exit may still be on their way: judge once they had their turn.
        setImmediate(() => {
          if (!ended) exitError ??= new Error(`the CSV worker stopped before the end of the file (exit code ${code})`);
          waiting?.();
        });
      });
      const next = async (): Promise<IteratorResult<CheckedRowBatch>> => {
        while (received.length === 0) {
          if (exitError) throw exitError;
          await new Promise<void>((resolve) => (waiting = resolve));
          waiting = null;
        }
        const message = received.shift()!;
        if (message.kind === 'failed') throw new Error(message.message);
        if (message.kind === 'done') return { done: true, value: undefined };
        // Taking a batch lets the worker start on the one after next.
        worker.postMessage('taken');
        return { done: false, value: message.batch };
      };
      return {
        next,
        return: async (): Promise<IteratorResult<CheckedRowBatch>> => {
          await worker.terminate();
          return { done: true, value: undefined };
        },
      };
    },
  });
}

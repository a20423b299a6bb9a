/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the `-wal` file into the database and
 * fsyncs it; run by a commit (auto-checkpoint) or a timer on the main thread, it stops every request of the
 * process meanwhile. Instead one worker thread per process holds its own connection to every watched database
 * and runs `wal_checkpoint(PASSIVE)` on each at an interval. PASSIVE neither waits for nor blocks writers and
 * readers; what it cannot copy now it copies next time. The stores keep a high `wal_autocheckpoint` only as a
 * backstop for when the worker falls behind.
 */
import { Worker } from 'node:worker_threads';

export const backstopAutocheckpointPages = 16_384;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
function checkpointAll() {
  for (const [file, db] of open) {
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ checkpointed: file, log: result.log, copied: result.checkpointed });
    } catch (error) {
      // SQLITE_BUSY (another checkpoint running) or a file being removed: the next round tries again.
    }
  }
}
const timer = setInterval(checkpointAll, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.watch && !open.has(message.watch)) {
    try {
      const db = new Database(message.watch, { fileMustExist: true });
      db.pragma('busy_timeout = 0');
      open.set(message.watch, db);
    } catch (error) {
      // The store closed (and its folder went) before the worker got to it.
    }
  } else if (message.unwatch) {
    const db = open.get(message.unwatch);
    open.delete(message.unwatch);
    if (db) db.close();
  } else if (message.closeAll) {
    // A clean close of each connection, so the last one out folds and removes the -wal file as usual.
    clearInterval(timer);
    for (const db of open.values()) db.close();
    open.clear();
    parentPort.close();
  } else if (message.now) {
    checkpointAll();
    parentPort.postMessage({ round: message.now });
  }
});
`;

export interface CheckpointReport {
  file: string;
  /** Frames in the -wal file, and how many of them are now in the database. */
  log: number;
  copied: number;
}

export class WalCheckpointer {
  private static instance: WalCheckpointer | null = null;
  private worker: Worker | null = null;
  private readonly watched = new Map<string, number>();
  private readonly listeners = new Set<(report: CheckpointReport) => void>();
  private readonly rounds = new Map<number, () => void>();
  private nextRound = 1;

  constructor(private readonly intervalMs = 1000) {}

  /** The process-wide checkpointer every SQLite store of the process shares. */
  static shared(): WalCheckpointer {
    WalCheckpointer.instance ??= new WalCheckpointer();
    return WalCheckpointer.instance;
  }

  /** Starts checkpointing `file` (it must exist); returns the function that stops it. Watches are counted. */
  watch(file: string): () => void {
    if (file === ':memory:') return () => undefined;
    this.watched.set(file, (this.watched.get(file) ?? 0) + 1);
    this.ensureWorker().postMessage({ watch: file });
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const count = (this.watched.get(file) ?? 1) - 1;
      if (count > 0) {
        this.watched.set(file, count);
        return;
      }
      this.watched.delete(file);
      this.worker?.postMessage({ unwatch: file });
      if (this.watched.size === 0) this.stopWorker();
    };
  }

  /** Runs one round now and resolves when it is done (tests, and a last copy before a backup). */
  checkpointNow(): Promise<void> {
    if (!this.worker) return Promise.resolve();
    const round = this.nextRound++;
    const done = new Promise<void>((resolve) => this.rounds.set(round, resolve));
    this.worker.postMessage({ now: round });
    return done;
  }

  onCheckpoint(listener: (report: CheckpointReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), intervalMs: this.intervalMs },
    });
    worker.on('message', (message: { checkpointed?: string; log?: number; copied?: number; round?: number }) => {
      if (message.round !== undefined) {
        this.rounds.get(message.round)?.();
        this.rounds.delete(message.round);
      } else if (message.checkpointed) {
        const report = { file: message.checkpointed, log: message.log ?? 0, copied: message.copied ?? 0 };
        for (const listener of this.listeners) listener(report);
      }
    });
    // A failed worker only means checkpoints fall back to the stores' own auto-checkpoint.
    worker.on('error', () => {
      if (this.worker === worker) this.worker = null;
    });
    // Never keeps the process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    for (const resolve of this.rounds.values()) resolve();
    this.rounds.clear();
    worker?.postMessage({ closeAll: true });
  }
}

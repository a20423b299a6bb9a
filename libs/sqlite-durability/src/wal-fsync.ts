/**
 * Durable SQLite commits that do not stop the event loop. better-sqlite3 is synchronous: with
 * `synchronous = FULL` every commit waits for an fsync on the main thread, and every HTTP request of the
 * process waits with it. Instead a store commits with `synchronous = NORMAL` in WAL mode (the frames are
 * written to the `-wal` file, nothing is synced) and then awaits `sync()`, which fsyncs that file on libuv's
 * thread pool. Only then is the write acknowledged, so an acknowledged write is on disk exactly as with FULL.
 *
 * Why that is enough: WAL recovery replays every complete commit in the `-wal` file, and with NORMAL a
 * checkpoint syncs the `-wal` file before copying it into the database (and syncs the database after), so data
 * a checkpoint moved is durable already. The `-wal` file keeps its inode while the connection is open
 * (checkpoints rewind or truncate it, they do not replace it).
 *
 * Calls coalesce: while one fsync runs, every caller that arrives joins the single next one (its commit may
 * have landed after the running fsync began), so N concurrent commits cost at most two fsyncs.
 */
import { closeSync, constants, fsync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export type FileSync = (fd: number) => Promise<void>;

const fsyncOnThreadPool: FileSync = (fd) =>
  new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));

export class WalFsync {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private closed = false;
  private directorySynced = false;
  /** fsyncs started, for tests and metrics. */
  syncs = 0;

  constructor(
    private readonly databaseFile: string,
    private readonly fileSync: FileSync = fsyncOnThreadPool,
  ) {
    // An in-memory database has nothing to make durable.
    if (databaseFile === ':memory:') this.closed = true;
  }

  /** Resolves once every commit that finished before this call is on disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.flush();
      return this.running;
    }
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        this.running = this.flush();
        return this.running;
      });
    return this.queued;
  }

  /** Waits for the fsync in flight, then releases the file. The store closes its connection after this. */
  async close(): Promise<void> {
    await (this.queued ?? this.running)?.catch(() => undefined);
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private async flush(): Promise<void> {
    try {
      this.syncs++;
      // The -wal file exists once the connection has written in WAL mode, which a commit just did.
      this.fd ??= openSync(`${this.databaseFile}-wal`, constants.O_RDONLY);
      if (!this.directorySynced) {
        // Its directory entry must be durable too, or a power cut could lose the whole file.
        const directory = openSync(dirname(this.databaseFile), constants.O_RDONLY);
        try {
          await this.fileSync(directory);
        } finally {
          closeSync(directory);
        }
        this.directorySynced = true;
      }
      await this.fileSync(this.fd);
    } finally {
      this.running = null;
    }
  }
}

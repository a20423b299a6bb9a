/**
 * The only way entries enter the trail. Appends are serialised in this process and batched (one storage write,
 * one fsync, for whatever arrived while the previous write was in flight); across processes the storage's unique
 * indexes decide: a writer that lost the race gets a conflict, re-reads the head and chains after the winner, so
 * the chain never forks. Deployments run ONE active intake per trail (see docs/audit.md); the conflict path is
 * the safety net, not the normal way of working.
 *
 * It also writes the periodic signed checkpoints: every N entries, and every T minutes when anything was added.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '@vaxledger/kernel';
import { type CheckpointKind, type SignedCheckpoint, signCheckpoint } from '../domain/signed-checkpoint';
import {
  type ChainHead,
  genesisHead,
  sealEntry,
  type TrailEntry,
  type TrailEntryDraft,
} from '../domain/trail-entry';
import type { CheckpointAnchor } from '../anchors/checkpoint-anchor';
import { type TrailStore, TrailWriteConflict } from './trail-store';

export type AppendOutcome = { stored: 'appended' | 'duplicate'; entry: TrailEntry };

export interface TrailAppenderOptions {
  clock: Clock;
  signingKey: KeyObject;
  /** Sign a checkpoint once this many entries were added since the last one. */
  checkpointEvery: number;
  /** Entries per storage write. */
  maxBatch?: number;
  /** Conflicts tolerated for one batch before its appends fail (and the bus redelivers them). */
  maxAttempts?: number;
  onConflict?: (error: TrailWriteConflict) => void;
  onAppended?: (entries: TrailEntry[]) => void;
  onCheckpoint?: (checkpoint: SignedCheckpoint) => void;
  /** Where every checkpoint is also written, outside the trail's database (anchor file, Kafka topic). */
  anchors?: CheckpointAnchor[];
  /**
   * An anchor could not be written. The checkpoint stands in the trail; verify with that anchor then lacks it
   * (a gap operations must see: log and count it), but the intake goes on — losing entries would be worse.
   */
  onAnchorFailed?: (anchor: string, checkpoint: SignedCheckpoint, error: unknown) => void;
}

interface PendingAppend {
  draft: TrailEntryDraft;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

export class TrailAppender {
  private head: ChainHead | null = null;
  private lastCheckpoint: { sequence: number; at: number } | null = null;
  private readonly queue: PendingAppend[] = [];
  private flushScheduled = false;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly appendedListeners = new Set<() => void>();

  constructor(
    private readonly store: TrailStore,
    private readonly options: TrailAppenderOptions,
  ) {}

  append(draft: TrailEntryDraft): Promise<AppendOutcome> {
    const outcome = new Promise<AppendOutcome>((resolve, reject) =>
      this.queue.push({ draft, resolve, reject }),
    );
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      void this.exclusive(async () => {
        this.flushScheduled = false;
        await this.flush();
      });
    }
    return outcome;
  }

  /** Runs `work` with no append in flight (retention, checkpoints), in this process. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Wakes `listener` after the next append; returns the function that stops listening. */
  onNextAppend(listener: () => void): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  /** Forgets the cached head (after retention or an outside change); the next append re-reads it. */
  invalidateHead(): void {
    this.head = null;
    this.lastCheckpoint = null;
  }

  /** The current head as the store has it (genesis, or the retention boundary when every entry was removed). */
  async currentHead(): Promise<ChainHead> {
    const last = await this.store.last();
    const boundary = await this.store.latestCheckpoint('retention');
    if (last && (!boundary || last.sequence > boundary.sequence))
      return { sequence: last.sequence, hash: last.hash };
    if (boundary) return { sequence: boundary.sequence, hash: boundary.hash };
    return genesisHead;
  }

  /** Signs the current head now (exports, shutdown); null when the trail is empty. */
  checkpointNow(kind: CheckpointKind): Promise<SignedCheckpoint | null> {
    return this.exclusive(async () => {
      const head = await this.currentHead();
      if (head.sequence === 0) return null;
      return this.writeCheckpoint(kind, head);
    });
  }

  /** The timer half of the policy: a checkpoint when anything was added and the last one is older than `maxAgeMs`. */
  checkpointIfStale(maxAgeMs: number): Promise<SignedCheckpoint | null> {
    return this.exclusive(async () => {
      const head = await this.currentHead();
      const last = await this.lastCheckpointState();
      if (head.sequence === 0 || head.sequence <= last.sequence) return null;
      if (this.options.clock.now().getTime() - last.at < maxAgeMs) return null;
      return this.writeCheckpoint('periodic', head);
    });
  }

  private async flush(): Promise<void> {
    const maxBatch = this.options.maxBatch ?? 500;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, maxBatch);
      try {
        await this.appendBatch(batch);
      } catch (error) {
        this.head = null;
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  private async appendBatch(batch: PendingAppend[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      const stored = new Map(
        (await this.store.findByEventIds([...new Set(pending.map((p) => p.draft.eventId))])).map((e) => [
          e.eventId,
          e,
        ]),
      );
      const fresh: PendingAppend[] = [];
      const twins: PendingAppend[] = [];
      const freshIds = new Set<string>();
      for (const item of pending) {
        const existing = stored.get(item.draft.eventId);
        if (existing) item.resolve({ stored: 'duplicate', entry: existing });
        else if (freshIds.has(item.draft.eventId)) twins.push(item);
        else {
          freshIds.add(item.draft.eventId);
          fresh.push(item);
        }
      }
      if (fresh.length === 0) return;

      let head = this.head ?? (await this.currentHead());
      const now = this.options.clock.now();
      const entries = fresh.map((item) => {
        const entry = sealEntry(item.draft, head, now);
        head = { sequence: entry.sequence, hash: entry.hash };
        return entry;
      });
      try {
        await this.store.append(entries);
      } catch (error) {
        this.head = null;
        if (!(error instanceof TrailWriteConflict) || attempt >= maxAttempts) throw error;
        this.options.onConflict?.(error);
        pending = [...fresh, ...twins];
        continue;
      }
      this.head = head;
      const byId = new Map(entries.map((entry) => [entry.eventId, entry]));
      fresh.forEach((item, index) => item.resolve({ stored: 'appended', entry: entries[index] }));
      for (const twin of twins) twin.resolve({ stored: 'duplicate', entry: byId.get(twin.draft.eventId)! });
      this.options.onAppended?.(entries);
      this.notifyAppended();
      const last = await this.lastCheckpointState();
      if (head.sequence - last.sequence >= this.options.checkpointEvery)
        await this.writeCheckpoint('periodic', head);
      return;
    }
  }

  private async lastCheckpointState(): Promise<{ sequence: number; at: number }> {
    if (!this.lastCheckpoint) {
      const latest = await this.store.latestCheckpoint();
      this.lastCheckpoint = latest
        ? { sequence: latest.sequence, at: Date.parse(latest.at) }
        : { sequence: 0, at: this.options.clock.now().getTime() };
    }
    return this.lastCheckpoint;
  }

  private async writeCheckpoint(kind: CheckpointKind, head: ChainHead): Promise<SignedCheckpoint> {
    const checkpoint = signCheckpoint(kind, head, this.options.clock.now(), this.options.signingKey);
    await this.recordCheckpoint(checkpoint);
    return checkpoint;
  }

  /**
   * Stores a signed checkpoint in the trail, then in every anchor. Callers hold `exclusive` (retention,
   * export) or are the appender itself.
   */
  async recordCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    await this.store.saveCheckpoint(checkpoint);
    for (const anchor of this.options.anchors ?? []) {
      try {
        await anchor.anchor(checkpoint);
      } catch (error) {
        this.options.onAnchorFailed?.(anchor.name, checkpoint, error);
      }
    }
    const last = await this.lastCheckpointState();
    if (checkpoint.sequence >= last.sequence)
      this.lastCheckpoint = { sequence: checkpoint.sequence, at: Date.parse(checkpoint.at) };
    this.options.onCheckpoint?.(checkpoint);
  }

  private notifyAppended(): void {
    const listeners = [...this.appendedListeners];
    this.appendedListeners.clear();
    for (const listener of listeners) listener();
  }
}

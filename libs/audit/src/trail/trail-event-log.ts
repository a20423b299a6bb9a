/**
 * The trail seen as audit's event log: each entry is a `audit.trail-entry.v1` event whose global position is its
 * sequence. That lets the audit read models be ordinary checkpointed projections — run live by the EventPipeline
 * and rebuilt by `projections rebuild` exactly like every other service's — with the trail as their source.
 * Read-only: entries are added by the TrailAppender, never through this port.
 */
import {
  type AllSubscriptionOptions,
  type AppendResult,
  DomainError,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  deliverPage,
  type Subscription,
} from '@vaxledger/kernel';
import type { TrailEntry } from '../domain/trail-entry';
import type { TrailAppender } from './trail-appender';
import type { TrailStore } from './trail-store';

export const trailEntryEventType = 'audit.trail-entry.v1';
export const trailStreamId = 'audit-trail';

export type TrailEntryEvent = RecordedEvent<typeof trailEntryEventType, TrailEntry>;

export function trailEntryAsEvent(entry: TrailEntry): TrailEntryEvent {
  return {
    type: trailEntryEventType,
    data: entry,
    metadata: {
      eventId: entry.eventId,
      correlationId: entry.correlationId ?? entry.eventId,
      causationId: null,
      actor: {
        accountId: entry.actor.accountId ?? 'unknown',
        facilityId: entry.actor.facilityId,
        provinceCode: entry.actor.provinceCode,
      },
      occurredAt: entry.occurredAt,
      schemaVersion: 1,
    },
    streamId: trailStreamId,
    revision: entry.sequence - 1,
    position: entry.sequence,
  };
}

export interface TrailEventLogOptions {
  /** Wakes live subscriptions right after an append in this process. */
  appender?: TrailAppender;
  /** Poll interval for appends made by other processes (distributed: another replica's audit-access entries). */
  pollIntervalMs?: number;
  pageSize?: number;
  /** Close the trail with this log (tools that opened it for a rebuild); the service closes its own. */
  ownsTrail?: boolean;
}

export class TrailEventLog implements EventStore {
  constructor(
    private readonly trail: TrailStore,
    private readonly options: TrailEventLogOptions = {},
  ) {}

  async append(): Promise<AppendResult> {
    throw new DomainError(
      'conflict',
      'trail_is_read_only_here',
      'Audit trail entries are added by the intake only.',
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (streamId !== trailStreamId) return [];
    const after = options.fromRevision !== undefined ? options.fromRevision : null;
    return this.readAll({ after, maxCount: options.maxCount });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const entries = await this.trail.read({
      afterSequence: options.after ?? null,
      limit: options.maxCount ?? this.pageSize,
    });
    return entries.map(trailEntryAsEvent);
  }

  subscribeToAll(options: AllSubscriptionOptions): Subscription {
    let stopped = false;
    let wake: (() => void) | null = null;
    const pollIntervalMs = this.options.pollIntervalMs ?? 1000;
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollIntervalMs);
        const unlisten = this.options.appender?.onNextAppend(done);
        function done() {
          clearTimeout(timer);
          unlisten?.();
          wake = null;
          resolve();
        }
        wake = done;
      });
    const run = async () => {
      let after = options.after;
      let caughtUp = false;
      while (!stopped) {
        try {
          const page = await this.readAll({ after, maxCount: this.pageSize });
          const delivered = await deliverPage(options, page, () => stopped);
          if (delivered !== null) after = delivered;
          if (stopped) return;
          if (page.length === this.pageSize) continue;
          if (!caughtUp) {
            caughtUp = true;
            options.onCaughtUp?.();
          }
        } catch (error) {
          // The trail or the read-model store is unreachable for a moment: report it and resume from the
          // last delivered entry instead of ending the subscription (a read model must not silently freeze).
          options.onError?.(error);
        }
        if (!stopped) await pause();
      }
    };
    const running = run();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await running;
      },
    };
  }

  async headPosition(): Promise<number | null> {
    return (await this.trail.last())?.sequence ?? null;
  }

  async close(): Promise<void> {
    if (this.options.ownsTrail) await this.trail.close();
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 1000;
  }
}

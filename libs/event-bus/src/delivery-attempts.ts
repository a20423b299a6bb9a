/**
 * The delivery loop both adapters share: parse, hand to the handler, retry with a short backoff, and report
 * whether the message was handled, must be dead-lettered, or was abandoned because its subscription stopped.
 */
import type { AnyTopics, CloudEvent, DeliveredMessage, DeliveryContext, SubscribeOptions } from '@vaxledger/kernel';
import { parseCloudEvent } from '@vaxledger/kernel';

export const defaultMaxAttempts = 5;
export const defaultRetryBackoffMs = 50;
const maxRetryBackoffMs = 2000;

/**
 * Set when a subscription stops. Listeners are removed once their wait is over, so a subscription that lives
 * for millions of messages does not pile reactions onto one never-settling promise.
 */
export class StopSignal {
  private readonly listeners = new Set<() => void>();
  private stopped = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  /** Resolves with `work`'s value, or with `stoppedBeforeSettled` when the signal fires first. */
  race<T>(work: Promise<T>): Promise<T | typeof stoppedBeforeSettled> {
    if (this.stopped) return Promise.resolve(stoppedBeforeSettled);
    return new Promise((resolve, reject) => {
      const onStop = () => resolve(stoppedBeforeSettled);
      this.listeners.add(onStop);
      work.then(
        (value) => {
          this.listeners.delete(onStop);
          resolve(value);
        },
        (error: unknown) => {
          this.listeners.delete(onStop);
          reject(error);
        },
      );
    });
  }

  /** Waits `ms`, cut short by a stop. */
  async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await this.race(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))));
    clearTimeout(timer);
  }
}

export const stoppedBeforeSettled: unique symbol = Symbol('stoppedBeforeSettled');

export type DeliveryOutcome =
  | { kind: 'handled' }
  /** The subscription stopped first: the offset must not move, so the group gets the message again. */
  | { kind: 'abandoned' }
  | { kind: 'dead-letter'; error: unknown; attempts: number };

export interface DeliveryAttempt {
  payload: Buffer | string;
  context: Omit<DeliveryContext, 'attempt'>;
  handler: SubscribeOptions<AnyTopics>['handler'];
  maxAttempts: number;
  retryBackoffMs: number;
  stop: StopSignal;
  /** Called between attempts so a broker keeps a slow-retrying member in its group. */
  keepAlive?: () => Promise<void>;
}

type Settled = { ok: true } | { ok: false; error: unknown };

export async function deliverWithRetries(delivery: DeliveryAttempt): Promise<DeliveryOutcome> {
  let message: CloudEvent;
  try {
    message = parseCloudEvent(delivery.payload);
  } catch (error) {
    // Parsing is deterministic: retrying an unreadable message cannot help.
    return { kind: 'dead-letter', error, attempts: 0 };
  }

  let lastError: unknown = undefined;
  for (let attempt = 1; attempt <= delivery.maxAttempts; attempt++) {
    const handling: Promise<Settled> = Promise.resolve()
      .then(() => delivery.handler(message, { ...delivery.context, attempt }))
      .then(
        (): Settled => ({ ok: true }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
    const settled = await delivery.stop.race(handling);
    if (settled === stoppedBeforeSettled) return { kind: 'abandoned' };
    if (settled.ok) return { kind: 'handled' };
    lastError = settled.error;
    if (attempt < delivery.maxAttempts) {
      await delivery.stop.pause(retryBackoff(delivery.retryBackoffMs, attempt));
      if (delivery.stop.isStopped) return { kind: 'abandoned' };
      await delivery.keepAlive?.();
    }
  }
  return { kind: 'dead-letter', error: lastError, attempts: delivery.maxAttempts };
}

export const defaultMaxBatchSize = 500;

export interface BatchDeliveryAttempt {
  records: Array<{ payload: Buffer | string; context: Omit<DeliveryContext, 'attempt'> }>;
  batchHandler: NonNullable<SubscribeOptions<AnyTopics>['batchHandler']>;
  stop: StopSignal;
}

/**
 * One try of a whole batch. `handled` means every message of it is done. `one-by-one` means the caller must
 * deliver each message through `deliverWithRetries` (a message was unreadable or the batch handler threw), so
 * retries and dead-lettering stay per message. `abandoned`: the subscription stopped first.
 */
export async function deliverBatchOnce(
  delivery: BatchDeliveryAttempt,
): Promise<'handled' | 'one-by-one' | 'abandoned'> {
  const batch: DeliveredMessage[] = [];
  for (const record of delivery.records) {
    try {
      batch.push({ message: parseCloudEvent(record.payload), context: { ...record.context, attempt: 1 } });
    } catch {
      return 'one-by-one';
    }
  }
  const handling: Promise<boolean> = Promise.resolve()
    .then(() => delivery.batchHandler(batch))
    .then(
      () => true,
      () => false,
    );
  const settled = await delivery.stop.race(handling);
  if (settled === stoppedBeforeSettled) return 'abandoned';
  return settled ? 'handled' : 'one-by-one';
}

export function validMaxBatchSize(maxBatchSize: number | undefined): number {
  const value = maxBatchSize ?? defaultMaxBatchSize;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`maxBatchSize must be a positive integer, got ${value}`);
  }
  return value;
}

function retryBackoff(initialMs: number, attempt: number): number {
  return Math.min(initialMs * 2 ** (attempt - 1), maxRetryBackoffMs);
}

export function validMaxAttempts(maxAttempts: number | undefined): number {
  const value = maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${value}`);
  }
  return value;
}

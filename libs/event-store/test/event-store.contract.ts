/**
 * The one behaviour every EventStore adapter must show. Stores may be shared with other suites (EventStoreDB),
 * so each test writes to its own fresh streams and only ever reasons about those.
 */
import {
  ConcurrencyError,
  newId,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@vaxledger/kernel';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup: () => Promise<void>;
}

export function eventStoreContract(name: string, makeStore: () => Promise<EventStoreUnderTest>): void {
  describe(name, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('appending with an expected revision', () => {
      it('creates a stream when it is expected not to exist and reads its events back in order', async () => {
        const streamId = newStreamId('subject');
        const events = [doseRecorded(1), doseRecorded(2), doseRecorded(3)];

        const result = await store.append(streamId, events, 'no_stream');

        expect(result.nextExpectedRevision).toBe(2);
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(stored.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
        expect(stored.every((e) => e.streamId === streamId)).toBe(true);
        expect(stored[2].position).toBe(result.position);
      });

      it('appends at the exact revision the writer last saw', async () => {
        const streamId = newStreamId('subject');
        const first = await store.append(streamId, [doseRecorded(1)], 'no_stream');

        const second = await store.append(
          streamId,
          [doseRecorded(2), doseRecorded(3)],
          first.nextExpectedRevision,
        );

        expect(second.nextExpectedRevision).toBe(2);
        expect(second.position).toBeGreaterThan(first.position);
        expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([
          { doseNumber: 1, vaccineCode: 'COMIRNATY' },
          { doseNumber: 2, vaccineCode: 'COMIRNATY' },
          { doseNumber: 3, vaccineCode: 'COMIRNATY' },
        ]);
      });

      it('appends without a check when any revision is accepted, to a new or an existing stream', async () => {
        const streamId = newStreamId('audit');

        const created = await store.append(streamId, [doseRecorded(1)], 'any');
        const extended = await store.append(streamId, [doseRecorded(2)], 'any');

        expect(created.nextExpectedRevision).toBe(0);
        expect(extended.nextExpectedRevision).toBe(1);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('refuses to create a stream that already exists with a ConcurrencyError and leaves it unchanged', async () => {
        const streamId = newStreamId('id-document');
        await store.append(streamId, [doseRecorded(1)], 'no_stream');

        const error = await store.append(streamId, [doseRecorded(2)], 'no_stream').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId, kind: 'conflict', code: 'CONCURRENCY_CONFLICT' });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses an append at a stale revision with a ConcurrencyError', async () => {
        const streamId = newStreamId('subject');
        await store.append(streamId, [doseRecorded(1), doseRecorded(2), doseRecorded(3)], 'no_stream');

        await expect(store.append(streamId, [doseRecorded(4)], 1)).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.append(streamId, [doseRecorded(4)], 5)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses an append expecting a revision of a stream that does not exist', async () => {
        const streamId = newStreamId('subject');

        await expect(store.append(streamId, [doseRecorded(1)], 0)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('lets exactly one of two writers appending at the same revision win; the other gets a ConcurrencyError', async () => {
        const streamId = newStreamId('subject');
        await store.append(streamId, [doseRecorded(1)], 'no_stream');
        const mine = doseRecorded(2);
        const theirs = doseRecorded(2);

        const outcomes = await Promise.allSettled([
          store.append(streamId, [mine], 0),
          store.append(streamId, [theirs], 0),
        ]);

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(ConcurrencyError);
        const stored = await store.readStream(streamId);
        expect(stored).toHaveLength(2);
        const winner = outcomes[0].status === 'fulfilled' ? mine : theirs;
        expect(stored[1].metadata.eventId).toBe(winner.metadata.eventId);
      });

      it('lets exactly one of many writers racing to create the same stream win', async () => {
        const streamId = newStreamId('id-document');

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(streamId, [doseRecorded(i)], 'no_stream')),
        );

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
        }
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('retrying an append', () => {
      it('stores nothing twice when the same events are appended again at the same place', async () => {
        const streamId = newStreamId('subject');
        const events = [doseRecorded(1), doseRecorded(2)];
        const first = await store.append(streamId, events, 'no_stream');

        const retried = await store.append(streamId, events, 'no_stream');

        expect(retried).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('still treats the retry as done after the stream has moved on', async () => {
        const streamId = newStreamId('subject');
        const events = [doseRecorded(1), doseRecorded(2)];
        const laterEvent = doseRecorded(3);
        const first = await store.append(streamId, events, 'no_stream');
        const later = await store.append(streamId, [laterEvent], 1);
        await store.append(streamId, [doseRecorded(4)], 2);

        const retriedFirst = await store.append(streamId, events, 'no_stream');
        const retriedLater = await store.append(streamId, [laterEvent], 1);

        expect(retriedFirst).toEqual(first);
        expect(retriedLater).toEqual(later);
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('refuses a retry that only partly matches what is stored', async () => {
        const streamId = newStreamId('subject');
        const [one, two] = [doseRecorded(1), doseRecorded(2)];
        await store.append(streamId, [one, two], 'no_stream');

        await expect(store.append(streamId, [one, doseRecorded(3)], 'no_stream')).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await store.readStream(streamId)).map((e) => e.metadata.eventId)).toEqual([
          one.metadata.eventId,
          two.metadata.eventId,
        ]);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards from a given revision, at most the requested count', async () => {
        const streamId = newStreamId('subject');
        await store.append(streamId, [1, 2, 3, 4, 5].map(doseRecorded), 'no_stream');

        const fromTwo = await store.readStream(streamId, { fromRevision: 2 });
        const twoFromTwo = await store.readStream(streamId, { fromRevision: 2, maxCount: 2 });

        expect(fromTwo.map((e) => e.revision)).toEqual([2, 3, 4]);
        expect(twoFromTwo.map((e) => e.revision)).toEqual([2, 3]);
        expect(await store.readStream(streamId, { fromRevision: 5 })).toEqual([]);
      });

      it('reads a stream that was never written as empty', async () => {
        expect(await store.readStream(newStreamId('subject'))).toEqual([]);
      });

      it('reads every stream after a global position, exclusive, in commit order', async () => {
        const before = await store.headPosition();
        const [a, b] = [newStreamId('subject'), newStreamId('plan')];
        const a0 = doseRecorded(1);
        const b0 = doseRecorded(1);
        const a1 = doseRecorded(2);
        await store.append(a, [a0], 'no_stream');
        await store.append(b, [b0], 'no_stream');
        await store.append(a, [a1], 0);

        const all = await store.readAll({ after: before });
        const ours = all.filter((e) => e.streamId === a || e.streamId === b);

        expect(ours.map((e) => e.metadata.eventId)).toEqual([a0, b0, a1].map((e) => e.metadata.eventId));
        expect(all.every((e) => before === null || e.position > before)).toBe(true);
        expectStrictlyIncreasing(all.map((e) => e.position));

        const afterFirst = (await store.readAll({ after: ours[0].position })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(afterFirst.map((e) => e.metadata.eventId)).toEqual([b0, a1].map((e) => e.metadata.eventId));

        const firstTwo = await store.readAll({ after: before, maxCount: 2 });
        expect(firstTwo).toEqual(all.slice(0, 2));
      });

      it('reports the position of the newest event as the head', async () => {
        const result = await store.append(newStreamId('subject'), [doseRecorded(1)], 'no_stream');

        const head = await store.headPosition();

        expect(head).not.toBeNull();
        expect(head!).toBeGreaterThanOrEqual(result.position);
      });

      it('gives back every metadata field and the payload exactly as appended', async () => {
        const streamId = newStreamId('subject');
        const withCause: NewEvent = {
          type: 'SubjectRegistered',
          data: {
            fullNameHash: 'b64:9f8e7d',
            address: { provinceCode: '79', districtCode: null, line: 'Số 12, đường Lê Lợi' },
            priorityGroups: [1, 4],
            consentGiven: true,
            weightKg: 61.5,
          },
          metadata: metadata({
            causationId: newId(),
            actor: { accountId: newId(), facilityId: newId(), provinceCode: '79' },
            occurredAt: '2021-07-01T08:30:00.123+07:00',
            schemaVersion: 3,
          }),
        };
        const withoutCause: NewEvent = {
          type: 'SubjectAddressChanged',
          data: { address: { provinceCode: '01', line: 'Ngõ 5' } },
          metadata: metadata({
            causationId: null,
            actor: { accountId: newId(), facilityId: null, provinceCode: null },
            occurredAt: '2021-07-01T01:30:00.000Z',
            schemaVersion: 1,
          }),
        };
        const before = await store.headPosition();

        await store.append(streamId, [withCause, withoutCause], 'no_stream');

        const expected = [withCause, withoutCause].map((event, revision) => ({
          streamId,
          revision,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
        }));
        const fromStream = await store.readStream(streamId);
        const fromAll = (await store.readAll({ after: before })).filter((e) => e.streamId === streamId);
        expect(fromStream.map(withoutPosition)).toEqual(expected);
        expect(fromAll.map(withoutPosition)).toEqual(expected);
        expect(fromAll.map((e) => e.position)).toEqual(fromStream.map((e) => e.position));
      });
    });

    describe('volume', () => {
      it('stores a batch of 1,000 events appended at once, in order', async () => {
        const streamId = newStreamId('import');
        const events = Array.from({ length: 1000 }, (_, i) => doseRecorded(i));

        const result = await store.append(streamId, events, 'no_stream');

        expect(result.nextExpectedRevision).toBe(999);
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        expect(stored.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
        expectStrictlyIncreasing(stored.map((e) => e.position));
      });

      it('stores 1,000 events from many concurrent writers, each stream gap-free and in its writer order', async () => {
        const streams = Array.from({ length: 20 }, () => newStreamId('subject'));
        const written = new Map<string, string[]>();

        await Promise.all(
          streams.map(async (streamId) => {
            const ids: string[] = [];
            written.set(streamId, ids);
            let expected: 'no_stream' | number = 'no_stream';
            for (let i = 0; i < 50; i++) {
              const event = doseRecorded(i);
              ids.push(event.metadata.eventId);
              expected = (await store.append(streamId, [event], expected)).nextExpectedRevision;
            }
          }),
        );

        for (const streamId of streams) {
          const stored = await store.readStream(streamId);
          expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
          expect(stored.map((e) => e.metadata.eventId)).toEqual(written.get(streamId));
        }
      });

      it('gives each of many concurrent unchecked appends to one stream its own revision', async () => {
        const streamId = newStreamId('audit');

        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => store.append(streamId, [doseRecorded(i)], 'any')),
        );

        expect(results.map((r) => r.nextExpectedRevision).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 200 }, (_, i) => i),
        );
        expect(new Set(results.map((r) => r.position)).size).toBe(200);
        expect(await store.readStream(streamId)).toHaveLength(200);
      });
    });

    describe('subscribing to all streams', () => {
      it('replays from its checkpoint, catches up while writes continue, then goes live without gaps or repeats', async () => {
        const streams = [newStreamId('subject'), newStreamId('subject'), newStreamId('plan')];
        const isOurs = (e: RecordedEvent) => streams.includes(e.streamId);
        const revisions = new Map<string, number | 'no_stream'>(streams.map((s) => [s, 'no_stream']));
        const writeRound = async (count: number) => {
          for (let i = 0; i < count; i++) {
            await Promise.all(
              streams.map(async (streamId) => {
                const events = [doseRecorded(i), doseRecorded(i + 1)];
                const result = await store.append(streamId, events, revisions.get(streamId)!);
                revisions.set(streamId, result.nextExpectedRevision);
              }),
            );
          }
        };
        const before = await store.headPosition();
        await writeRound(25); // 150 events already stored
        const history = (await store.readAll({ after: before })).filter(isOurs);
        expect(history).toHaveLength(150);
        const checkpoint = history[49].position;

        const delivered: RecordedEvent[] = [];
        let inHandler = 0;
        let overlapping = false;
        let deliveredWhenCaughtUp = -1;
        const caughtUp = deferred();
        const subscription = store.subscribeToAll({
          after: checkpoint,
          onEvent: async (event) => {
            inHandler++;
            if (inHandler > 1) overlapping = true;
            // A handler that yields now and then, like a projection writing to its store.
            if (delivered.length % 25 === 0) await sleep(2);
            delivered.push(event);
            inHandler--;
          },
          onCaughtUp: () => {
            deliveredWhenCaughtUp = delivered.filter(isOurs).length;
            caughtUp.resolve();
          },
        });
        try {
          await writeRound(10); // 60 more while the subscription catches up
          await withTimeout(caughtUp.promise, 20_000, 'the subscription never reported being caught up');
          await writeRound(5); // 30 more once live

          const expected = (await store.readAll({ after: checkpoint })).filter(isOurs);
          expect(expected).toHaveLength(100 + 60 + 30);
          await waitUntil(() => delivered.filter(isOurs).length >= expected.length, 20_000);
          await sleep(50); // a repeat would arrive now

          const ours = delivered.filter(isOurs);
          expect(ours.map((e) => e.metadata.eventId)).toEqual(expected.map((e) => e.metadata.eventId));
          expectStrictlyIncreasing(delivered.map((e) => e.position));
          expect(delivered.every((e) => e.position > checkpoint)).toBe(true);
          expect(deliveredWhenCaughtUp).toBeGreaterThanOrEqual(100);
          expect(overlapping).toBe(false);
        } finally {
          await subscription.stop();
        }

        const countAtStop = delivered.length;
        await store.append(streams[0], [doseRecorded(99)], 'any');
        await sleep(100);
        expect(delivered.length).toBe(countAtStop);
      });

      it('started at the head, reports caught up at once and then delivers only new events', async () => {
        const streamId = newStreamId('subject');
        await store.append(streamId, [doseRecorded(1)], 'no_stream');
        const head = await store.headPosition();
        const delivered: RecordedEvent[] = [];
        const caughtUp = deferred();

        const subscription = store.subscribeToAll({
          after: head,
          onEvent: async (event) => {
            if (event.streamId === streamId) delivered.push(event);
          },
          onCaughtUp: caughtUp.resolve,
        });
        try {
          await withTimeout(caughtUp.promise, 10_000, 'the subscription never reported being caught up');
          const live = doseRecorded(2);
          await store.append(streamId, [live], 0);
          await waitUntil(() => delivered.length >= 1, 10_000);
          await sleep(50);
          expect(delivered.map((e) => e.metadata.eventId)).toEqual([live.metadata.eventId]);
        } finally {
          await subscription.stop();
        }
      });

      it('stops and reports the error when the handler fails, delivering nothing after it', async () => {
        const streamId = newStreamId('subject');
        const before = await store.headPosition();
        await store.append(streamId, [doseRecorded(1), doseRecorded(2), doseRecorded(3)], 'no_stream');
        const failure = new Error('projection store unavailable');
        const seen: RecordedEvent[] = [];
        const reported = deferred<unknown>();

        const subscription = store.subscribeToAll({
          after: before,
          onEvent: async (event) => {
            if (event.streamId !== streamId) return;
            seen.push(event);
            if (event.revision === 1) throw failure;
          },
          onError: reported.resolve,
        });
        try {
          expect(await withTimeout(reported.promise, 10_000, 'the handler failure was never reported')).toBe(
            failure,
          );
          await store.append(streamId, [doseRecorded(4)], 2);
          await sleep(100);
          expect(seen.map((e) => e.revision)).toEqual([0, 1]);
        } finally {
          await subscription.stop();
        }
      });
    });
  });
}

function newStreamId(category: string): string {
  return `${category}-${newId()}`;
}

function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    eventId: newId(),
    correlationId: newId(),
    causationId: null,
    actor: { accountId: 'account-contract', facilityId: 'facility-contract', provinceCode: '79' },
    occurredAt: '2021-07-01T08:30:00.000+07:00',
    schemaVersion: 1,
    ...overrides,
  };
}

function doseRecorded(doseNumber: number): NewEvent {
  return { type: 'DoseRecorded', data: { doseNumber, vaccineCode: 'COMIRNATY' }, metadata: metadata() };
}

function withoutPosition({ position: _position, ...event }: RecordedEvent) {
  return event;
}

function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) {
      throw new Error(
        `positions are not strictly increasing at index ${i}: ${values[i - 1]} then ${values[i]}`,
      );
    }
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(10);
  }
}

/**
 * Read-your-writes across the two standalone processes: the HTTP process answers a write once the pipeline
 * process reports its read models show it. One log can feed several pipelines (immunization's feeds the
 * certificates pipeline too); the write is visible only when the slowest of them has projected it.
 */
import { PipelineProcessHost } from '@vaxledger/infrastructure';
import { createLogger } from '@vaxledger/runtime';

function host(): PipelineProcessHost {
  return new PipelineProcessHost({
    entry: 'never-started.js',
    env: {},
    logger: createLogger({ service: 'test', level: 'silent' }),
    visibilityWaitMs: 10_000,
  });
}

async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('read-your-writes in the standalone HTTP process', () => {
  it('waits for every pipeline of a log, not the first one that reports the position', async () => {
    const subject = host();
    subject.receive({ kind: 'ready', service: 'immunization', pipeline: 'immunization', ready: true });
    subject.receive({ kind: 'ready', service: 'immunization', pipeline: 'certificates', ready: true });
    subject.receive({ kind: 'projected', service: 'immunization', pipeline: 'immunization', position: 10 });
    subject.receive({ kind: 'projected', service: 'immunization', pipeline: 'certificates', position: 10 });
    expect(subject.caughtUp('immunization')).toBe(true);

    const write = subject.visible('immunization', 11);
    // The certificates pipeline is ahead: the doses read model does not show the write yet.
    subject.receive({ kind: 'projected', service: 'immunization', pipeline: 'certificates', position: 11 });
    expect(await settled(write)).toBe(false);
    subject.receive({ kind: 'projected', service: 'immunization', pipeline: 'immunization', position: 11 });
    expect(await settled(write)).toBe(true);
    await subject.close();
  });

  it('answers at once while any pipeline of the log is catching up, and is not ready meanwhile', async () => {
    const subject = host();
    subject.receive({ kind: 'ready', service: 'immunization', pipeline: 'immunization', ready: true });
    subject.receive({ kind: 'ready', service: 'immunization', pipeline: 'certificates', ready: false });
    expect(subject.caughtUp('immunization')).toBe(false);
    expect(await settled(subject.visible('immunization', 5))).toBe(true);
    await subject.close();
  });

  it('releases a waiting write when a pipeline of its log falls behind', async () => {
    const subject = host();
    subject.receive({ kind: 'ready', service: 'registry', pipeline: 'registry', ready: true });
    subject.receive({ kind: 'projected', service: 'registry', pipeline: 'registry', position: 3 });
    const write = subject.visible('registry', 4);
    expect(await settled(write)).toBe(false);
    subject.receive({ kind: 'ready', service: 'registry', pipeline: 'registry', ready: false });
    expect(await settled(write)).toBe(true);
    await subject.close();
  });
});

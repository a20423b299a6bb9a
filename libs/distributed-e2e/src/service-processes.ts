/**
 * One vaxledger service as its own operating-system process (`node dist/apps/<service>/src/main.js`), the way
 * a container runs it: configured by environment only, logs to a file, killed and restarted by the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export type DistributedServiceName = 'identity' | 'registry' | 'immunization' | 'audit';

export const distributedServices: readonly DistributedServiceName[] = [
  'identity',
  'registry',
  'immunization',
  'audit',
];

export interface ServiceProcessOptions {
  name: DistributedServiceName;
  /** The compiled entry point, e.g. `dist/apps/identity/src/main.js`. */
  entry: string;
  port: number;
  env: Record<string, string>;
  /** Appended to on every start, so a restarted service's log follows its killed predecessor's. */
  logFile: string;
  cwd: string;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

// Children must not outlive the test process, whatever ends it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<ProcessExit> | null = null;
  private lastExit: ProcessExit | null = null;

  constructor(private readonly options: ServiceProcessOptions) {}

  get name(): DistributedServiceName {
    return this.options.name;
  }

  get port(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) throw new Error(`${this.name} is already running (pid ${this.child.pid})`);
    const log = openSync(this.options.logFile, 'a');
    const child = spawn(process.execPath, [this.options.entry], {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    running.add(child);
    this.child = child;
    this.lastExit = null;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (this.child === child) this.child = null;
        this.lastExit = { code, signal };
        resolve({ code, signal });
      });
    });
  }

  /** Resolves once `/health/ready` answers 200: engines reachable, projections caught up, consumers joined. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.child) {
        throw new Error(
          `${this.name} exited (${describeExit(this.lastExit)}) before it was ready:\n${this.logTail()}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(250);
    }
    throw new Error(
      `${this.name} was not ready within ${timeoutMs} ms (last answer: ${last}):\n${this.logTail()}`,
    );
  }

  /** Sends `signal` and waits for the process to end. */
  async kill(signal: NodeJS.Signals): Promise<ProcessExit> {
    if (!this.child || !this.exited) throw new Error(`${this.name} is not running`);
    this.child.kill(signal);
    return this.exited;
  }

  /**
   * Graceful stop (SIGTERM: drain requests, stop pipelines, close engines); SIGKILL only when the service
   * overruns `graceMs`, and then the answer says so.
   */
  async stop(graceMs = 30_000): Promise<ProcessExit & { forced: boolean }> {
    if (!this.child || !this.exited)
      return { ...(this.lastExit ?? { code: null, signal: null }), forced: false };
    const exited = this.exited;
    this.child.kill('SIGTERM');
    const inTime = await within(exited, graceMs);
    if (!inTime) this.child?.kill('SIGKILL');
    return { ...(await exited), forced: !inTime };
  }

  logTail(lines = 40): string {
    if (!existsSync(this.options.logFile)) return '(no log)';
    return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }
}

function describeExit(exit: ProcessExit | null): string {
  if (!exit) return 'unknown';
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

/** A port on 127.0.0.1 that nothing listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether `promise` settles within `ms`; the timer does not outlive the answer. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

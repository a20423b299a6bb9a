/** The standalone build as a child process on its own data directory, as a deployment would run it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MemorySampler } from './process-memory';
import { repoRoot } from './repo-paths';

export interface StandaloneServerOptions {
  dataDir: string;
  /** Extra environment (rate limits, log level...). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server to this directory when it exits. */
  cpuProfileDir?: string;
  /** How long start-up (catching up projections, relays and consumers) may take. Default 2 minutes. */
  readyTimeoutMs?: number;
  /** Called about every second while waiting, with the seconds waited so far. */
  onWaiting?: (status: string) => void;
}

export class StandaloneServer {
  private exited = false;
  private stderrTail = '';

  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    readonly memory: MemorySampler,
  ) {
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    process.once('exit', () => (this.exited = true));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.process.pid!;
  }

  static async start(options: StandaloneServerOptions): Promise<StandaloneServer> {
    const port = await freePort();
    mkdirSync(options.dataDir, { recursive: true });
    const entry = join(repoRoot, 'dist/apps/standalone/src/main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run build)`);
    const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    const child = spawn(process.execPath, [...nodeArgs, entry], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        VAXLEDGER_DATA_DIR: options.dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...(options.env ?? {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const server = new StandaloneServer(child, port, options.dataDir, new MemorySampler(child.pid!));
    server.memory.start();
    await server.waitUntilReady(options.readyTimeoutMs ?? 120_000, options.onWaiting);
    return server;
  }

  /** The key the server signs access tokens with (created by the server on first start). */
  tokenSigningKey(): KeyObject {
    return createPrivateKey(readFileSync(join(this.dataDir, 'keys', 'token-signing.pem')));
  }

  async waitUntilReady(timeoutMs: number, onWaiting?: (status: string) => void): Promise<void> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
      onWaiting?.(`${Math.round((Date.now() - started) / 1000)} s, RSS ${this.memory.peakRssMb} MB`);
      if (this.exited) throw new Error(`the standalone server exited during start-up:\n${this.stderrTail}`);
      try {
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`the standalone server was not ready in ${timeoutMs} ms:\n${this.stderrTail}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Stops the server with SIGTERM (graceful: queued appends commit, a CPU profile is written) and waits. */
  async stop(): Promise<number> {
    const peak = this.memory.stop();
    if (!this.exited) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    return peak;
  }

  /** Starts sampling the RSS of one phase of this server's life (see MemorySampler). */
  samplePhase(): MemorySampler {
    return new MemorySampler(this.pid, { phase: true }).start();
  }

  get recentStderr(): string {
    return this.stderrTail;
  }
}

/**
 * Starts the server and waits until it has caught up with its data directory (projections, relays, consumers),
 * returning the catch-up time. With a CPU profile requested, the catch-up runs unprofiled and the server is
 * started again with the profiler, so the profile shows the measured load and not the start-up backlog.
 */
export async function startCaughtUp(
  options: StandaloneServerOptions,
): Promise<{ server: StandaloneServer; catchUpSeconds: number; catchUpPeakRssMb: number }> {
  const started = performance.now();
  const first = await StandaloneServer.start({ ...options, cpuProfileDir: undefined });
  const catchUpSeconds = Math.round((performance.now() - started) / 100) / 10;
  if (!options.cpuProfileDir)
    return { server: first, catchUpSeconds, catchUpPeakRssMb: first.memory.peakRssMb };
  const catchUpPeakRssMb = await first.stop();
  return { server: await StandaloneServer.start(options), catchUpSeconds, catchUpPeakRssMb };
}

/** Pre-creates the token signing key in a fresh data directory, so the bench can mint tokens before start. */
export function provisionSigningKey(dataDir: string): KeyObject {
  const path = join(dataDir, 'keys', 'token-signing.pem');
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return createPrivateKey(readFileSync(path));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

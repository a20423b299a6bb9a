import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditModule } from '@vaxledger/audit';
import { CertificatesModule } from '@vaxledger/certificates';
import { type Principal, signAccessToken, signStepUpToken, type StepUpField, verifyAccessToken } from '@vaxledger/auth';
import { IdentityModule } from '@vaxledger/identity';
import { ImmunizationModule } from '@vaxledger/immunization';
import {
  createStandaloneInfrastructure,
  PipelineProcessHost,
  type StandaloneInfrastructure,
} from '@vaxledger/infrastructure';
import { type AnyTopics, type EventBus, newId, newOpaqueId } from '@vaxledger/kernel';
import { RegistryModule, RegistrySubjectContacts } from '@vaxledger/registry';
import { createHttpApp, createLogger, Metrics, ReadinessRegistry } from '@vaxledger/runtime';

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/**
 * The real standalone app, in-process, on a fresh temporary data directory, driven through Fastify's
 * injection (real routing, guards, validation and error mapping; no socket needed).
 */
export class StandaloneTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly infra: StandaloneInfrastructure,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    /** The pipeline process, when the app runs with `pipeline: 'process'`. */
    readonly pipelineHost: PipelineProcessHost | null = null,
  ) {}

  /**
   * `pipeline`: `inline` (default; every suite can reach the bus and stores of one process) or `process`, the
   * standalone app's production layout: the background pipeline in a second process started from the
   * sources. `VAXLEDGER_TEST_PIPELINE=process` runs a suite that does not choose in that layout.
   */
  static async start(
    options: { dataDir?: string; env?: Record<string, string>; pipeline?: 'inline' | 'process' } = {},
  ): Promise<StandaloneTestApp> {
    const ownsDataDir = !options.dataDir;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vaxledger-test-'));
    const logger = createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const metrics = new Metrics();
    const readiness = new ReadinessRegistry();
    const env = { ...process.env, ...(options.env ?? {}) };
    const layout = options.pipeline ?? (process.env.VAXLEDGER_TEST_PIPELINE === 'process' ? 'process' : 'inline');
    const host =
      layout === 'process'
        ? new PipelineProcessHost({
            // By path, not by import: libraries never import apps.
            entry: join(repositoryRoot, 'apps', 'standalone', 'src', 'pipeline-main.ts'),
            execArgv: ['--require', join(__dirname, 'typescript-require-hook.js')],
            env: { ...env, VAXLEDGER_DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
            logger,
          })
        : null;
    const infra = createStandaloneInfrastructure({
      dataDir,
      logger,
      metrics,
      readiness,
      env,
      pipeline: host ? { role: 'http', host } : { role: 'inline' },
    });
    host?.start();
    const app = await createHttpApp(
      [
        IdentityModule.register(infra.services.identity),
        RegistryModule.register(infra.services.registry),
        ImmunizationModule.register(infra.services.immunization, { subjectContacts: new RegistrySubjectContacts(infra.services.registry) }),
        CertificatesModule.standalone(infra.services),
        AuditModule.register(infra.services.audit),
      ],
      {
        title: 'vaxledger (test)',
        logger,
        metrics,
        readiness,
        trustedProxies: (options.env?.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Like a load balancer, tests wait for /health/ready: a long backlog is caught up in the background.
    await eventually(async () => (await readiness.run()).ok, 120_000);
    return new StandaloneTestApp(app, infra, dataDir, ownsDataDir, host);
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.app.inject({
      method,
      url,
      headers,
      // The TCP peer the app sees (a client, or the gateway in front of it); 127.0.0.1 when not given.
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      payload: options.body === undefined ? undefined : (options.body as object),
    });
    let body: unknown = response.body;
    if ((response.headers['content-type'] ?? '').toString().includes('json') && response.body) body = response.json();
    return { status: response.statusCode, headers: response.headers as TestResponse['headers'], body: body as T };
  }

  /**
   * An access token for a principal, signed with the app's own key — for suites that test one service
   * without walking the login flow (identity's own suites walk it for real).
   */
  async tokenFor(principal: Partial<Principal> & Pick<Principal, 'role'>): Promise<string> {
    const key = this.infra.services.identity.keys.tokenPrivateKey;
    if (!key) throw new Error('identity signing key missing');
    return signAccessToken(
      {
        accountId: principal.accountId ?? newId(),
        role: principal.role,
        rights: principal.rights ?? [],
        facilityId: principal.facilityId ?? null,
        provinceCode: principal.provinceCode ?? null,
        sessionId: principal.sessionId ?? newOpaqueId(),
      },
      key,
      900,
      new Date(),
    );
  }

  /** A step-up token for the caller of `accessToken` (its account and session), bound to one subject. */
  async stepUpTokenFor(accessToken: string, subjectId: string, fields: StepUpField[] | null = null): Promise<string> {
    const key = this.infra.services.identity.keys.tokenPrivateKey!;
    const caller = await verifyAccessToken(accessToken, this.infra.services.identity.keys.tokenPublicKey);
    return signStepUpToken({ accountId: caller.accountId, sessionId: caller.sessionId, subjectId, fields }, newOpaqueId(), key, 300, new Date());
  }

  async close(options: { keepData?: boolean } = {}): Promise<void> {
    await this.app.close();
    await this.infra.close();
    if (this.ownsDataDir && !options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const repositoryRoot = join(__dirname, '..', '..', '..');

/** Polls until `check` returns a truthy value (async projections, bus delivery), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The bus as its adapters see it, any topic and any payload: for tests that publish what a foreign or broken
 * producer would (a malformed payload, a test-only topic), which the typed port refuses to compile.
 */
export function untypedBus(bus: EventBus): EventBus<AnyTopics> {
  return bus as unknown as EventBus<AnyTopics>;
}

import 'reflect-metadata';
import { resolve } from 'node:path';
import { locateConsoleBuild, registerConsole } from '@vaxledger/console-host';
import { createStandaloneInfrastructure, type PipelinePlacement, PipelineProcessHost } from '@vaxledger/infrastructure';
import {
  closeOnSignals,
  ConfigError,
  createHttpApp,
  createLogger,
  loadConfig,
  Metrics,
  ReadinessRegistry,
} from '@vaxledger/runtime';
import { pipelineEntry } from './pipeline-entry';
import { standaloneConfigSchema } from './standalone-config';
import { standaloneModules } from './standalone-modules';

/**
 * vaxledger standalone: the four services, one HTTP port, data in one local folder. By default the background
 * pipeline runs in a second process (see pipeline-main.ts) so HTTP requests never wait behind it.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(standaloneConfigSchema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger({ service: 'standalone', level: config.LOG_LEVEL });
  const dataDir = resolve(config.VAXLEDGER_DATA_DIR);
  const metrics = new Metrics({ mode: 'standalone' });
  const readiness = new ReadinessRegistry();
  const host =
    config.VAXLEDGER_PIPELINE === 'process'
      ? new PipelineProcessHost({
          ...pipelineEntry(),
          env: { ...process.env, VAXLEDGER_DATA_DIR: dataDir },
          logger: logger.child({ component: 'pipeline-process' }),
          visibilityWaitMs: config.PIPELINE_VISIBILITY_WAIT_MS,
        })
      : null;
  const pipeline: PipelinePlacement = host ? { role: 'http', host } : { role: 'inline' };
  const infra = createStandaloneInfrastructure({ dataDir, logger, metrics, readiness, env: process.env, pipeline });
  // Started once this process created the files and keys, so both processes open the same ones.
  host?.start();
  const app = await createHttpApp(standaloneModules(infra), { title: 'vaxledger', logger, metrics, readiness, trustedProxies: config.TRUSTED_PROXIES });
  registerConsole(app.getHttpAdapter().getInstance(), locateConsoleBuild());
  closeOnSignals(app, logger, [() => infra.close()]);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, host: config.HOST, dataDir, pipeline: config.VAXLEDGER_PIPELINE }, 'vaxledger standalone is listening');
}

main().catch((error) => {
  process.stderr.write(`vaxledger failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

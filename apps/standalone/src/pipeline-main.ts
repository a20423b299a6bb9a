import 'reflect-metadata';
import { resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createStandaloneInfrastructure, PipelineProcessLink } from '@vaxledger/infrastructure';
import { ConfigError, createLogger, loadConfig, Metrics, PinoNestLogger, ReadinessRegistry } from '@vaxledger/runtime';
import { standaloneConfigSchema } from './standalone-config';
import { standaloneModules } from './standalone-modules';

/**
 * The standalone pipeline process, started (and restarted) by the HTTP process: the same modules without HTTP,
 * running every service's projections, relay, consumers and audit timers on their own SQLite connections.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(standaloneConfigSchema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger({ service: 'standalone-pipeline', level: config.LOG_LEVEL });
  const link = PipelineProcessLink.fromProcess();
  const infra = createStandaloneInfrastructure({
    dataDir: resolve(config.VAXLEDGER_DATA_DIR),
    logger,
    metrics: new Metrics({ mode: 'standalone' }),
    readiness: new ReadinessRegistry(),
    env: process.env,
    pipeline: { role: 'pipeline', link },
  });

  @Module({ imports: standaloneModules(infra) })
  class PipelineModule {}

  const app = await NestFactory.createApplicationContext(PipelineModule, { logger: new PinoNestLogger(logger) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      // Stops consumers, relays and projections (checkpoints flushed), then closes the files.
      await app.close();
      await infra.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'pipeline process failed to stop cleanly');
      process.exit(1);
    }
  };
  link.onStop(() => void stop());
  process.on('SIGTERM', () => void stop());
  // A terminal's Ctrl-C reaches the whole process group: the HTTP process stops this one in its own order.
  process.on('SIGINT', () => undefined);
  // Runs every module's init (consumers subscribe) and bootstrap (projections catch up, relays start).
  await app.init();
  link.started();
  logger.info('standalone pipeline is running');
}

main().catch((error) => {
  process.stderr.write(`vaxledger pipeline failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

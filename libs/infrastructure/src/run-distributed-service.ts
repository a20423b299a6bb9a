import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import type { MessageDelivery } from '@vaxledger/kernel';
import {
  closeOnSignals,
  ConfigError,
  createHttpApp,
  createLogger,
  loadConfig,
  Metrics,
  ReadinessRegistry,
  type ServiceInfrastructure,
  type ServiceName,
} from '@vaxledger/runtime';
import { distributedConfigSchema } from './distributed-config';
import { createDistributedInfrastructure } from './distributed-infrastructure';

/** Entry point shared by apps/identity|registry|immunization|audit: one service, its own process. */
export async function runDistributedService(
  service: ServiceName,
  moduleFor: (infra: ServiceInfrastructure) => DynamicModule,
  deliveryFor?: (env: NodeJS.ProcessEnv) => MessageDelivery,
): Promise<void> {
  try {
    const config = loadConfig(distributedConfigSchema);
    const delivery = deliveryFor?.(process.env);
    const logger = createLogger({ service, level: config.LOG_LEVEL });
    const metrics = new Metrics({ service });
    const readiness = new ReadinessRegistry();
    const { infra, close } = await createDistributedInfrastructure({
      service,
      config,
      logger,
      metrics,
      readiness,
      env: process.env,
      delivery,
    });
    const app = await createHttpApp([moduleFor(infra)], {
      title: `vaxledger ${service}`,
      logger,
      metrics,
      readiness,
      trustedProxies: config.TRUSTED_PROXIES,
    });
    closeOnSignals(app, logger, [close]);
    await app.listen({ port: config.PORT, host: config.HOST });
    logger.info({ port: config.PORT }, `${service} is listening`);
  } catch (error) {
    process.stderr.write(
      error instanceof ConfigError ? `${error.message}\n` : `${service} failed to start: ${(error as Error)?.stack ?? error}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}

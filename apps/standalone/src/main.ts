import 'reflect-metadata';
import { resolve } from 'node:path';
import { AuditModule } from '@vaxledger/audit';
import { CertificatesModule } from '@vaxledger/certificates';
import { locateConsoleBuild, registerConsole } from '@vaxledger/console-host';
import { IdentityModule } from '@vaxledger/identity';
import { ImmunizationModule } from '@vaxledger/immunization';
import { createStandaloneInfrastructure } from '@vaxledger/infrastructure';
import { RegistryModule } from '@vaxledger/registry';
import {
  closeOnSignals,
  ConfigError,
  createHttpApp,
  createLogger,
  loadConfig,
  Metrics,
  ReadinessRegistry,
} from '@vaxledger/runtime';
import { standaloneConfigSchema } from './standalone-config';

/** vaxledger standalone: the four services in one process, one HTTP port, data in one local folder. */
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
  const infra = createStandaloneInfrastructure({ dataDir, logger, metrics, readiness, env: process.env });
  const app = await createHttpApp(
    [
      IdentityModule.register(infra.services.identity),
      RegistryModule.register(infra.services.registry),
      ImmunizationModule.register(infra.services.immunization),
      CertificatesModule.standalone(infra.services),
      AuditModule.register(infra.services.audit),
    ],
    { title: 'vaxledger', logger, metrics, readiness },
  );
  registerConsole(app.getHttpAdapter().getInstance(), locateConsoleBuild());
  closeOnSignals(app, logger, [() => infra.close()]);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, host: config.HOST, dataDir }, 'vaxledger standalone is listening');
}

main().catch((error) => {
  process.stderr.write(`vaxledger failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

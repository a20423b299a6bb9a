import { runDistributedService } from '@vaxledger/infrastructure';
import { RegistryModule } from '@vaxledger/registry';

/** The registry service alone, with the distributed adapters (configuration: docs/operations.md). */
void runDistributedService('registry', (infra) => RegistryModule.register(infra));

import { deliveryFromEnv, runDistributedService } from '@vaxledger/infrastructure';
import { IdentityModule } from '@vaxledger/identity';

/** The identity service alone, with the distributed adapters (configuration: docs/operations.md). */
void runDistributedService('identity', (infra) => IdentityModule.register(infra), deliveryFromEnv);

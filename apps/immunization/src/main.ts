import { runDistributedService } from '@vaxledger/infrastructure';
import { ImmunizationModule } from '@vaxledger/immunization';

/** The immunization service alone, with the distributed adapters (configuration: docs/operations.md). */
void runDistributedService('immunization', (infra) => ImmunizationModule.register(infra));

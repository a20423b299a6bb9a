import { runDistributedService } from '@vaxledger/infrastructure';
import { AuditModule } from '@vaxledger/audit';

/** The audit service alone, with the distributed adapters (configuration: docs/operations.md). */
void runDistributedService('audit', (infra) => AuditModule.register(infra));

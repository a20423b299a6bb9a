import type { DynamicModule } from '@nestjs/common';
import { AuditModule } from '@vaxledger/audit';
import { CertificatesModule } from '@vaxledger/certificates';
import { IdentityModule } from '@vaxledger/identity';
import { ImmunizationModule } from '@vaxledger/immunization';
import type { StandaloneInfrastructure } from '@vaxledger/infrastructure';
import { RegistryModule, RegistrySubjectContacts } from '@vaxledger/registry';

/**
 * Every module of the standalone app, for both of its processes: the HTTP process serves their controllers,
 * the pipeline process runs their EventPipelines (projections, relay, consumers) and background timers. A new
 * module is added here once; whatever pipeline it registers runs in the pipeline process with no other wiring.
 */
export function standaloneModules(infra: StandaloneInfrastructure): DynamicModule[] {
  return [
    IdentityModule.register(infra.services.identity),
    RegistryModule.register(infra.services.registry),
    ImmunizationModule.register(infra.services.immunization, { subjectContacts: new RegistrySubjectContacts(infra.services.registry) }),
    CertificatesModule.standalone(infra.services),
    AuditModule.register(infra.services.audit),
  ];
}

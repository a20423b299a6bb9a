import { Module } from '@nestjs/common';
import { CertificatesModule } from '@vaxledger/certificates';
import { decodeSecret, runDistributedService } from '@vaxledger/infrastructure';
import { ImmunizationModule } from '@vaxledger/immunization';
import { smsDeliveryFromEnv } from './sms-delivery';

/** The immunization service's own modules: dose records and, served with them, the vaccination certificates. */
@Module({})
class ImmunizationServiceModule {}

/**
 * The immunization service alone, with the distributed adapters (configuration: docs/operations.md). The
 * certificates' holders come from registry's holder feed; their ID-number hashes need the deployment's root
 * secret, which the start-up validation already requires of immunization.
 */
void runDistributedService(
  'immunization',
  (infra) => ({
    module: ImmunizationServiceModule,
    imports: [
      ImmunizationModule.register(infra),
      CertificatesModule.distributed(infra, { lookupRoot: decodeSecret(infra.settings.VAXLEDGER_LOOKUP_KEY ?? '') }),
    ],
  }),
  smsDeliveryFromEnv,
);

import { IdNumberHasher, LookupHasher } from '@vaxledger/registry';
import { type DynamicModule, Module } from '@nestjs/common';
import { authProviders } from '@vaxledger/auth';
import { EVENT_PIPELINE, EventPipeline, EventPipelineLifecycle, infrastructureProviders, type ServiceInfrastructure, type ServiceName } from '@vaxledger/runtime';
import { type CertificateHolderDirectory, RegistryStreamsHolderDirectory } from './certificate-holders';
import { CertificatePdfHandler } from './certificate-pdf/certificate-pdf.handler';
import { ProjectedHolderDirectory } from './holders/projected-holder-directory';
import { CertificatePdfHttpController } from './certificate-pdf/certificate-pdf.http.controller';
import { DdccDocumentHandler } from './ddcc-document/ddcc-document.handler';
import { DdccDocumentHttpController } from './ddcc-document/ddcc-document.http.controller';
import { type CertificatesServices, createCertificatesServices } from './certificates.composition';
import { certificatesSettingsFrom } from './certificates-settings';
import { CitizenHttpController } from './citizen/citizen.http.controller';
import { CitizenLookupHandler } from './citizen/citizen-lookup.handler';
import { CitizenRecordHandler } from './citizen/citizen-record.handler';
import { CitizenTokens } from './citizen/citizen-tokens';
import { CitizenVerifyHandler } from './citizen/citizen-verify.handler';
import { IssueCertificateHandler } from './issue-certificate/issue-certificate.handler';
import { IssueCertificateHttpController } from './issue-certificate/issue-certificate.http.controller';
import { ListCertificatesHandler } from './list-certificates/list-certificates.handler';
import { ListCertificatesHttpController } from './list-certificates/list-certificates.http.controller';
import { RevocationListHandler } from './revocation-list/revocation-list.handler';
import { RevocationListHttpController } from './revocation-list/revocation-list.http.controller';
import { RevokeLotHandler } from './revoke-lot/revoke-lot.handler';
import { RevokeLotHttpController } from './revoke-lot/revoke-lot.http.controller';
import { TrustListHandler } from './trust-list/trust-list.handler';
import { TrustListHttpController } from './trust-list/trust-list.http.controller';
import { VerifyCertificateHandler } from './verify-certificate/verify-certificate.handler';
import { VerifyCertificateHttpController } from './verify-certificate/verify-certificate.http.controller';

export const CERTIFICATES_SERVICES = Symbol('CERTIFICATES_SERVICES');

const handlerProviders: Array<[new (...args: never[]) => unknown, keyof CertificatesServices]> = [
  [IssueCertificateHandler, 'issueCertificate'],
  [ListCertificatesHandler, 'listCertificates'],
  [CertificatePdfHandler, 'certificatePdf'],
  [DdccDocumentHandler, 'ddccDocument'],
  [TrustListHandler, 'trustList'],
  [VerifyCertificateHandler, 'verifyCertificate'],
  [RevocationListHandler, 'revocationList'],
  [RevokeLotHandler, 'revokeLot'],
  [CitizenLookupHandler, 'citizenLookup'],
  [CitizenVerifyHandler, 'citizenVerify'],
  [CitizenRecordHandler, 'citizenRecord'],
  [CitizenTokens, 'citizenTokens'],
];

/** The certificates pipeline's name standalone: its relay checkpoint, consumer groups and readiness check. */
export const standalonePipelineName = 'certificates';
/**
 * Distributed, the pipeline runs inside the immunization service under immunization's Kafka principal, whose
 * ACLs (derived from libs/contracts topic-access.ts) allow consumer groups `immunization.*` only: so its groups
 * are `immunization.certificates.<purpose>`.
 */
export const distributedPipelineName = 'immunization.certificates';

export interface CertificatesModuleOptions {
  holders: CertificateHolderDirectory;
  /** `certificates` unless given. */
  pipelineName?: string;
}

/**
 * Vaccination certificates, served by the immunization service: its event store keeps the certificate
 * streams. Its pipeline runs under its own name (relay checkpoint, consumer groups, readiness): `certificates`
 * standalone, `immunization.certificates` distributed.
 */
@Module({})
export class CertificatesModule {
  static register(immunizationInfra: ServiceInfrastructure, options: CertificatesModuleOptions): DynamicModule {
    const settings = certificatesSettingsFrom(immunizationInfra.settings);
    const infra: ServiceInfrastructure = { ...immunizationInfra, service: (options.pipelineName ?? standalonePipelineName) as ServiceName };
    return {
      module: CertificatesModule,
      controllers: [
        IssueCertificateHttpController,
        ListCertificatesHttpController,
        CertificatePdfHttpController,
        DdccDocumentHttpController,
        TrustListHttpController,
        VerifyCertificateHttpController,
        RevocationListHttpController,
        RevokeLotHttpController,
        CitizenHttpController,
      ],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(infra.keys.tokenPublicKey, infra.kv),
        { provide: CERTIFICATES_SERVICES, useFactory: () => createCertificatesServices(infra, options.holders, settings) },
        ...handlerProviders.map(([handler, key]) => ({ provide: handler, useFactory: (services: CertificatesServices) => services[key], inject: [CERTIFICATES_SERVICES] })),
        { provide: EVENT_PIPELINE, useFactory: (services: CertificatesServices) => new EventPipeline(infra, services.pipeline), inject: [CERTIFICATES_SERVICES] },
        EventPipelineLifecycle,
      ],
    };
  }

  /**
   * Distributed, in the immunization service: holders from the read model of registry's holder feed, ID
   * numbers hashed with the `id-lookup` key derived from the deployment's root secret (`VAXLEDGER_LOOKUP_KEY`)
   * as registry derives its own, so the hashes meet.
   */
  static distributed(immunization: ServiceInfrastructure, options: { lookupRoot: Buffer }): DynamicModule {
    return CertificatesModule.register(immunization, {
      holders: new ProjectedHolderDirectory(immunization.readModels, IdNumberHasher.fromRoot(options.lookupRoot)),
      pipelineName: distributedPipelineName,
    });
  }

  /** Standalone: the holder directory reads registry's streams in the same process. */
  static standalone(services: { immunization: ServiceInfrastructure; registry: ServiceInfrastructure }): DynamicModule {
    return CertificatesModule.register(services.immunization, {
      holders: new RegistryStreamsHolderDirectory(services.registry.eventStore, LookupHasher.fromKeys(services.registry.keys.purposeKeys)),
    });
  }
}

import { LookupHasher } from '@vaxledger/registry';
import { type DynamicModule, Module } from '@nestjs/common';
import { authProviders } from '@vaxledger/auth';
import { EVENT_PIPELINE, EventPipeline, EventPipelineLifecycle, infrastructureProviders, type ServiceInfrastructure, type ServiceName } from '@vaxledger/runtime';
import { type CertificateHolderDirectory, RegistryStreamsHolderDirectory } from './certificate-holders';
import { CertificatePdfHandler } from './certificate-pdf/certificate-pdf.handler';
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

/**
 * Vaccination certificates, served by the immunization service: its event store keeps the certificate
 * streams. Its pipeline runs under its own name (`certificates`: relay checkpoint, consumer groups, readiness).
 */
@Module({})
export class CertificatesModule {
  static register(immunizationInfra: ServiceInfrastructure, options: { holders: CertificateHolderDirectory }): DynamicModule {
    const settings = certificatesSettingsFrom(immunizationInfra.settings);
    const infra: ServiceInfrastructure = { ...immunizationInfra, service: 'certificates' as ServiceName };
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

  /** Standalone: the holder directory reads registry's streams in the same process. */
  static standalone(services: { immunization: ServiceInfrastructure; registry: ServiceInfrastructure }): DynamicModule {
    return CertificatesModule.register(services.immunization, {
      holders: new RegistryStreamsHolderDirectory(services.registry.eventStore, LookupHasher.fromKeys(services.registry.keys.purposeKeys)),
    });
  }
}

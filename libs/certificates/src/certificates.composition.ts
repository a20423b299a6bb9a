/**
 * Builds the certificates module's collaborators once per process, from the immunization service's
 * infrastructure (its event store holds the certificate streams) and the holder directory.
 */
import { AccessDenials } from '@vaxledger/auth';
import { loadVaccineCatalogue, VACCINES_FILE_ENV } from '@vaxledger/immunization';
import { type EventPipelineDefinition, requirePurposeKey, type ServiceInfrastructure } from '@vaxledger/runtime';
import { CertificateAccessLog } from './certificate-access-log';
import type { CertificateHolderDirectory } from './certificate-holders';
import { CertificateRecords } from './certificate-records';
import { CitizenChallenges } from './citizen/citizen-challenges';
import { CitizenLookupHandler } from './citizen/citizen-lookup.handler';
import { CitizenRecordHandler } from './citizen/citizen-record.handler';
import { CitizenTokens } from './citizen/citizen-tokens';
import { CitizenVerifyHandler } from './citizen/citizen-verify.handler';
import { CertificatePdfHandler } from './certificate-pdf/certificate-pdf.handler';
import type { CertificatesSettings } from './certificates-settings';
import { DdccDocumentHandler } from './ddcc-document/ddcc-document.handler';
import { loadSigners, type LoadedSigner } from './document-signer-store';
import { IssueCertificateHandler } from './issue-certificate/issue-certificate.handler';
import { certificatesIntegration } from './integration/certificates.integration';
import { CertificateHolderFeedConsumer } from './holders/holder-feed.consumer';
import { ProjectedHolderDirectory } from './holders/projected-holder-directory';
import { CertificateDoseLifecycleConsumer, CertificateLifecycleConsumer } from './lifecycle/certificate-lifecycle.consumer';
import { ListCertificatesHandler } from './list-certificates/list-certificates.handler';
import { CertificateIndexProjection } from './read-models/certificate-index.projection';
import { RevocationListHandler } from './revocation-list/revocation-list.handler';
import { RevokeLotHandler } from './revoke-lot/revoke-lot.handler';
import { TrustListHandler } from './trust-list/trust-list.handler';
import { VerifyCertificateHandler } from './verify-certificate/verify-certificate.handler';

export interface CertificatesServices {
  signer: LoadedSigner;
  records: CertificateRecords;
  pipeline: EventPipelineDefinition;
  issueCertificate: IssueCertificateHandler;
  listCertificates: ListCertificatesHandler;
  certificatePdf: CertificatePdfHandler;
  ddccDocument: DdccDocumentHandler;
  trustList: TrustListHandler;
  verifyCertificate: VerifyCertificateHandler;
  revocationList: RevocationListHandler;
  revokeLot: RevokeLotHandler;
  citizenLookup: CitizenLookupHandler;
  citizenVerify: CitizenVerifyHandler;
  citizenRecord: CitizenRecordHandler;
  citizenTokens: CitizenTokens;
}

export function certificatesProjections(infra: ServiceInfrastructure) {
  return [new CertificateIndexProjection(infra.readModels)];
}

/**
 * Holders read from registry's streams (standalone) are current when a registry message arrives: one consumer
 * takes dose and subject changes. Holders kept from registry's holder feed (distributed) are revised by the
 * feed's consumer after it updated them; the lifecycle consumer then takes dose changes alone.
 */
function certificatesConsumers(holders: CertificateHolderDirectory, records: CertificateRecords): object[] {
  if (holders instanceof ProjectedHolderDirectory) {
    return [new CertificateHolderFeedConsumer(holders, records), new CertificateDoseLifecycleConsumer(records)];
  }
  return [new CertificateLifecycleConsumer(records)];
}

export async function createCertificatesServices(
  infra: ServiceInfrastructure,
  holders: CertificateHolderDirectory,
  settings: CertificatesSettings,
): Promise<CertificatesServices> {
  const catalogue = loadVaccineCatalogue(infra.settings[VACCINES_FILE_ENV]);
  const signers = await loadSigners(infra.settings, infra.dataDir, infra.clock.now());
  const signer = signers.current;
  const records = new CertificateRecords(infra.eventStore, holders, catalogue, signer, infra.clock, { validityDays: settings.CERTIFICATE_VALIDITY_DAYS });
  const accessLog = new CertificateAccessLog(infra.eventStore, infra.clock);
  const trustList = new TrustListHandler(signers, infra.clock);
  const citizenRecordsKey = requirePurposeKey(infra.keys.purposeKeys, 'citizenRecords');
  const challenges = new CitizenChallenges(infra.kv, citizenRecordsKey);
  const citizenTokens = new CitizenTokens(citizenRecordsKey, settings.CITIZEN_TOKEN_TTL_SECONDS);
  // Served by the immunization service: its refusals on access grounds are immunization's denials.
  const denials = new AccessDenials(infra.bus, infra.clock, infra.logger, 'immunization');
  return {
    signer,
    records,
    pipeline: { projections: certificatesProjections(infra), integration: certificatesIntegration, consumers: certificatesConsumers(holders, records) },
    issueCertificate: denials.recording(new IssueCertificateHandler(records), 'certificate.issue', (subjectId) => ({ subjectId })),
    listCertificates: denials.recording(new ListCertificatesHandler(records, accessLog), 'certificate.list', (subjectId) => ({
      subjectId,
    })),
    certificatePdf: denials.recording(
      new CertificatePdfHandler(records, accessLog, catalogue),
      'certificate.pdf.read',
      (subjectId, certificateId) => ({ subjectId, certificateId }),
    ),
    ddccDocument: denials.recording(
      new DdccDocumentHandler(records, accessLog),
      'certificate.ddcc.read',
      (subjectId, certificateId) => ({ subjectId, certificateId }),
    ),
    trustList,
    verifyCertificate: new VerifyCertificateHandler(trustList, infra.readModels, infra.kv, infra.clock, settings.CERTIFICATE_VERIFY_PER_MINUTE),
    revocationList: new RevocationListHandler(infra.readModels, signer, infra.clock),
    revokeLot: denials.recording(new RevokeLotHandler(records, infra.readModels), 'certificate.lot.revoke', () => ({})),
    citizenLookup: new CitizenLookupHandler(holders, challenges, infra.delivery, infra.kv, accessLog, infra.clock, citizenRecordsKey, {
      perAddressPerHour: settings.CITIZEN_LOOKUP_PER_HOUR_PER_ADDRESS,
      perIdPerHour: settings.CITIZEN_LOOKUP_PER_HOUR_PER_ID,
    }),
    citizenVerify: new CitizenVerifyHandler(challenges, citizenTokens, infra.clock, settings.CITIZEN_TOKEN_TTL_SECONDS),
    citizenRecord: new CitizenRecordHandler(records, accessLog, catalogue),
    citizenTokens,
  };
}

/**
 * Certificate events → public CloudEvents, on the identified record topic `vaxledger.immunization.record.v1`
 * (keyed by subject id, where registry and audit already listen): `vaxledger.immunization.certificate.issued`
 * and `.revoked`, carrying ids, the UVCI hash and the reason — never the name, birth date or HC1 text.
 * Reads of certificates and citizen look-ups go to `vaxledger.audit.access.v1` as access records.
 */
import { Topics } from '@vaxledger/contracts';
import { type IntegrationMapper, type RecordedEvent, toCloudEvent } from '@vaxledger/kernel';
import type { CertificateAccessRecorded } from '../domain/certificate-access.events';
import type { CertificateIssued, CertificateRevoked, LotRevoked } from '../domain/certificate-record.events';

export const certificatesSource = '/vaxledger/immunization/certificates';
export const certificateEventTypes = {
  issued: 'vaxledger.immunization.certificate.issued',
  revoked: 'vaxledger.immunization.certificate.revoked',
  lotRevoked: 'vaxledger.immunization.certificate.lot-revoked',
  accessRecorded: 'vaxledger.access.recorded',
} as const;

export const certificatesIntegration: IntegrationMapper = (event: RecordedEvent) => {
  switch (event.type) {
    case 'CertificateIssued': {
      const data = (event as unknown as CertificateIssued).data;
      return [
        {
          topic: Topics.immunizationRecord,
          message: toCloudEvent(event, {
            source: certificatesSource,
            type: certificateEventTypes.issued,
            partitionkey: data.subjectId,
            data: {
              subjectId: data.subjectId,
              certificateId: data.certificateId,
              uvciHash: data.uvciHash,
              doseId: data.doseId,
              vaccineCode: data.vaccineCode,
              doseNumber: data.doseNumber,
              issuedAt: data.issuedAt,
              expiresAt: data.expiresAt,
              kid: data.kid,
              replaces: data.replaces,
            },
          }),
        },
      ];
    }
    case 'CertificateRevoked': {
      const data = (event as unknown as CertificateRevoked).data;
      return [
        {
          topic: Topics.immunizationRecord,
          message: toCloudEvent(event, {
            source: certificatesSource,
            type: certificateEventTypes.revoked,
            partitionkey: data.subjectId,
            data: { subjectId: data.subjectId, certificateId: data.certificateId, uvciHash: data.uvciHash, reason: data.reason, revokedAt: data.revokedAt },
          }),
        },
      ];
    }
    case 'LotRevoked': {
      const data = (event as unknown as LotRevoked).data;
      return [
        {
          topic: Topics.immunizationRecord,
          message: toCloudEvent(event, {
            source: certificatesSource,
            type: certificateEventTypes.lotRevoked,
            partitionkey: `lot:${data.lotNumber}`,
            data: { lotNumber: data.lotNumber, reason: data.reason, revokedAt: data.revokedAt },
          }),
        },
      ];
    }
    case 'CertificateAccessRecorded': {
      const data = (event as unknown as CertificateAccessRecorded).data;
      return [
        {
          topic: Topics.auditAccess,
          message: toCloudEvent(event, {
            source: certificatesSource,
            type: certificateEventTypes.accessRecorded,
            partitionkey: data.subjectIds[0] ?? data.accountId,
            data: {
              accessId: event.metadata.eventId,
              service: 'certificates',
              action: data.action,
              accountId: data.accountId,
              role: data.role,
              facilityId: data.facilityId,
              provinceCode: data.provinceCode,
              subjectIds: data.subjectIds,
              purpose: data.purpose,
              outcome: data.outcome,
              ip: data.ip,
              userAgent: data.userAgent,
              occurredAt: event.metadata.occurredAt,
              correlationId: event.metadata.correlationId,
            },
          }),
        },
      ];
    }
    default:
      return [];
  }
};

/** Reads of certificates and citizen look-ups (R8), stream `certificate-access-<subject id or "citizen">`. */
import type { DomainEvent } from '@vaxledger/kernel';

export type CertificateAccessAction = 'certificates.list' | 'certificate.pdf' | 'certificate.fhir' | 'citizen.lookup' | 'citizen.record';

export type CertificateAccessRecorded = DomainEvent<
  'CertificateAccessRecorded',
  {
    action: CertificateAccessAction;
    /** The account that looked, or `citizen` for a citizen reading their own record. */
    accountId: string;
    role: string;
    facilityId: string | null;
    provinceCode: string | null;
    subjectIds: string[];
    purpose: string | null;
    /** Outcome of a citizen look-up (`code_sent` or `no_match`): audited, never shown to the caller. */
    outcome: string | null;
    ip: string;
    userAgent: string;
  }
>;

export const certificateAccessStreamId = (key: string) => `certificate-access-${key}`;

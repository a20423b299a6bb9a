/**
 * Who a certificate is for: the holder's name, birth date and phone of record, kept by registry. The
 * certificates module asks through this port; the adapter reads registry's own subject streams (the record
 * of truth, so a certificate never states a stale read model), with registry's keyed hash for ID lookups.
 */
import { type IdDocumentType, idDocumentTypes, LookupHasher, SubjectStreams } from '@vaxledger/registry';
import type { EventStore } from '@vaxledger/kernel';

export interface CertificateHolderRecord {
  subjectId: string;
  fullName: string;
  dateOfBirth: string;
  /** E.164 phone of record, where the citizen's one-time code goes. */
  phone: string;
  status: 'active' | 'merged';
  mergedInto: string | null;
  managingFacilityId: string | null;
  provinceCode: string | null;
}

export interface CertificateHolderDirectory {
  holder(subjectId: string): Promise<CertificateHolderRecord | null>;
  /** The active subject holding this ID number (any document type), whose name matches when one is given; or null. */
  findByIdNumber(idNumber: string, fullName: string | null): Promise<CertificateHolderRecord | null>;
}

export const CERTIFICATE_HOLDERS = Symbol('CERTIFICATE_HOLDERS');

const comparableName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Whether a holder found by ID number answers a look-up: active, and with the name given (when one is). */
export function answersLookup(holder: CertificateHolderRecord | null, fullName: string | null): holder is CertificateHolderRecord {
  return holder !== null && holder.status === 'active' && (fullName === null || comparableName(holder.fullName) === comparableName(fullName));
}

export class RegistryStreamsHolderDirectory implements CertificateHolderDirectory {
  private readonly streams: SubjectStreams;

  constructor(registryEventStore: EventStore, hasher: LookupHasher) {
    this.streams = new SubjectStreams(registryEventStore, hasher);
  }

  async holder(subjectId: string): Promise<CertificateHolderRecord | null> {
    const { state } = await this.streams.load(subjectId);
    if (state.status === 'unregistered' || !state.profile) return null;
    return {
      subjectId,
      fullName: state.profile.fullName,
      dateOfBirth: state.profile.dateOfBirth,
      phone: state.profile.phone,
      status: state.status,
      mergedInto: state.mergedInto,
      managingFacilityId: state.managingFacilityId,
      provinceCode: state.managingProvinceCode,
    };
  }

  async findByIdNumber(idNumber: string, fullName: string | null): Promise<CertificateHolderRecord | null> {
    for (const type of idDocumentTypes as readonly IdDocumentType[]) {
      const subjectId = await this.streams.holderOf({ type, number: idNumber });
      if (!subjectId) continue;
      const holder = await this.holder(subjectId);
      if (answersLookup(holder, fullName)) return holder;
    }
    return null;
  }
}

/**
 * The certificate holders of the distributed deployment: a read model of registry's holder feed
 * (`vaxledger.registry.holder.v1`), kept in immunization's own read-model store, since immunization cannot read
 * registry's streams. Each message carries the fields one subject event set, with the event's stream revision
 * as `version`; the read model keeps, field by field, the value of the highest version seen. So a replayed
 * message changes nothing, and one that arrives after a newer one (a partition replayed, a redelivery after a
 * rebalance) never overwrites what the newer one stated: the model ends as registry's record whatever the order.
 *
 * Look-ups by ID number never see the number: the feed carries registry's keyed `id-lookup` hash, and the number
 * a citizen types is hashed here with the same key (derived from `VAXLEDGER_LOOKUP_KEY`, as registry's is).
 */
import type { RegistryHolderMessage } from '@vaxledger/contracts';
import { type CloudEvent, type CollectionDefinition, opaqueIdPattern, type ReadModelCollection, type ReadModelDocument, type ReadModelStore } from '@vaxledger/kernel';
import { answersLookup, type CertificateHolderDirectory, type CertificateHolderRecord } from '../certificate-holders';

export const certificateHoldersCollection: CollectionDefinition = {
  name: 'certificate_holders',
  indexes: [{ fields: ['idNumberHash'] }],
};

const holderFields = ['fullName', 'dateOfBirth', 'phone', 'idNumberHash', 'status', 'mergedInto', 'managingFacilityId', 'provinceCode'] as const;
type HolderField = (typeof holderFields)[number];

export interface CertificateHolderDocument extends ReadModelDocument {
  /** The subject id. */
  id: string;
  /** How many times the document was written: the read-model position of the next write (optimistic concurrency). */
  writes: number;
  /** The subject stream revision each field was last set at. */
  versions: Partial<Record<HolderField, number>>;
  fullName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  idNumberHash: string | null;
  status: 'active' | 'merged' | null;
  mergedInto: string | null;
  managingFacilityId: string | null;
  provinceCode: string | null;
}

/** The hash registry's look-ups use for an ID number (registry's IdNumberHasher / LookupHasher). */
export interface IdNumberHashing {
  idNumberHash(number: string): string;
}

const isText = (value: unknown, max = 512): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isTextOrNull = (value: unknown, max = 512) => value === null || isText(value, max);

const fieldChecks: Record<HolderField, (value: unknown) => boolean> = {
  fullName: (v) => isText(v),
  dateOfBirth: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  phone: (v) => isText(v, 32),
  idNumberHash: (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
  status: (v) => v === 'active' || v === 'merged',
  mergedInto: (v) => v === null || (typeof v === 'string' && opaqueIdPattern.test(v)),
  managingFacilityId: (v) => isText(v, 64),
  provinceCode: (v) => isTextOrNull(v, 8),
};

/** The fields of a holder message worth applying, or null when it names no subject or no version. */
export function readHolderMessage(message: CloudEvent): { subjectId: string; version: number; fields: Partial<Record<HolderField, unknown>> } | null {
  const data = (message.data ?? {}) as Partial<Record<keyof RegistryHolderMessage, unknown>>;
  const { subjectId, version } = data;
  if (typeof subjectId !== 'string' || !opaqueIdPattern.test(subjectId)) return null;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return null;
  const fields: Partial<Record<HolderField, unknown>> = {};
  for (const field of holderFields) {
    const value = data[field];
    if (value !== undefined && fieldChecks[field](value)) fields[field] = value;
  }
  return { subjectId, version, fields };
}

/** `current` with every field of the message that is newer than what it holds; null when nothing is newer. */
export function mergeHolder(
  current: CertificateHolderDocument | null,
  message: { subjectId: string; version: number; fields: Partial<Record<HolderField, unknown>> },
): CertificateHolderDocument | null {
  const next: CertificateHolderDocument = current
    ? { ...current, versions: { ...current.versions } }
    : {
        id: message.subjectId,
        writes: 0,
        versions: {},
        fullName: null,
        dateOfBirth: null,
        phone: null,
        idNumberHash: null,
        status: null,
        mergedInto: null,
        managingFacilityId: null,
        provinceCode: null,
      };
  let changed = false;
  for (const field of holderFields) {
    if (!(field in message.fields)) continue;
    const seen = next.versions[field];
    if (seen !== undefined && seen >= message.version) continue;
    (next as unknown as Record<string, unknown>)[field] = message.fields[field];
    next.versions[field] = message.version;
    changed = true;
  }
  if (!changed) return null;
  next.writes += 1;
  return next;
}

function recordOf(doc: CertificateHolderDocument | null): CertificateHolderRecord | null {
  // Known once its registration arrived: an earlier change alone states no whole holder.
  if (!doc || doc.fullName === null || doc.dateOfBirth === null || doc.phone === null || doc.status === null) return null;
  return {
    subjectId: doc.id,
    fullName: doc.fullName,
    dateOfBirth: doc.dateOfBirth,
    phone: doc.phone,
    status: doc.status,
    mergedInto: doc.status === 'merged' ? doc.mergedInto : null,
    managingFacilityId: doc.managingFacilityId,
    provinceCode: doc.provinceCode,
  };
}

export class ProjectedHolderDirectory implements CertificateHolderDirectory {
  private collection: Promise<ReadModelCollection<CertificateHolderDocument>> | null = null;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly hashing: IdNumberHashing,
  ) {}

  private holders(): Promise<ReadModelCollection<CertificateHolderDocument>> {
    this.collection ??= this.readModels.collection<CertificateHolderDocument>(certificateHoldersCollection).catch((error) => {
      this.collection = null;
      throw error;
    });
    return this.collection;
  }

  /**
   * Applies one holder message; true when it changed the read model. Read, merge, write guarded by the write
   * count: a concurrent writer of the same subject (two consumers during a rebalance) makes the write miss, and
   * the merge is done again on what that writer stored.
   */
  async apply(message: CloudEvent): Promise<boolean> {
    const read = readHolderMessage(message);
    if (!read) return false;
    const holders = await this.holders();
    for (let attempt = 0; attempt < 5; attempt++) {
      const next = mergeHolder(await holders.get(read.subjectId), read);
      if (!next) return false;
      if (await holders.upsert(next, next.writes)) return true;
    }
    throw new Error('certificate holder read model: the write kept racing another writer');
  }

  async holder(subjectId: string): Promise<CertificateHolderRecord | null> {
    if (!opaqueIdPattern.test(subjectId)) return null;
    return recordOf(await (await this.holders()).get(subjectId));
  }

  async findByIdNumber(idNumber: string, fullName: string | null): Promise<CertificateHolderRecord | null> {
    const idNumberHash = this.hashing.idNumberHash(idNumber);
    const found = await (await this.holders()).find({ idNumberHash }, { limit: 10 });
    for (const doc of found) {
      const holder = recordOf(doc);
      if (answersLookup(holder, fullName)) return holder;
    }
    return null;
  }
}

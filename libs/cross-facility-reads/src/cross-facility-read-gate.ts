/**
 * R8 beyond the caller's own facility: reading the full record, history, doses or FHIR bundle of a subject the
 * caller's facility does not manage needs a purpose from the fixed list and counts against a per-account
 * hourly quota, so an account cannot page through the country's records. Reads of the own facility's subjects
 * need neither. Shared by registry (record, history) and immunization (doses, FHIR bundle); each service keeps
 * the counter in its own key-value store.
 */
import { AccessRefusal, type Principal } from '@vaxledger/auth';
import type { KeyValueStore } from '@vaxledger/kernel';
import { purposeRequired, readPurposeOf, type ReadPurpose } from './read-purposes';

const hourMs = 3600_000;

/** The `cause` of a denial over the quota (its code is the answered `rate_limited`). */
export const crossFacilityReadQuotaCause = 'cross_facility_read_quota';

export interface AdmittedRead {
  /** The purpose to keep in the access record (null only for the own facility's subjects without a header). */
  purpose: ReadPurpose | null;
  /** True when the subject is managed by another facility (or by none the caller belongs to). */
  crossFacility: boolean;
}

export class CrossFacilityReadGate {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly perHour: number,
    /** Key prefix naming the service, so two services sharing one store never share a counter by accident. */
    private readonly keyPrefix: string,
  ) {
    if (!Number.isInteger(perHour) || perHour < 1) throw new Error('the cross-facility read quota must be a positive integer');
  }

  /**
   * Checks the purpose (400 `purpose_invalid` / `purpose_required`) and takes one read from the quota (429
   * `rate_limited` with `retryAfterSeconds`). `managingFacilityId` null means the managing facility is not known:
   * the read is treated as one of another facility's records.
   */
  async admit(principal: Principal, purposeHeader: string | null, managingFacilityId: string | null, now: Date): Promise<AdmittedRead> {
    const purpose = readPurposeOf(purposeHeader);
    const ownFacility = principal.facilityId !== null && managingFacilityId !== null && principal.facilityId === managingFacilityId;
    if (ownFacility) return { purpose, crossFacility: false };
    if (!purpose) throw purposeRequired();
    const hour = Math.floor(now.getTime() / hourMs);
    const msLeftInHour = hourMs - (now.getTime() % hourMs);
    const count = await this.kv.increment(`${this.keyPrefix}:cross-facility-reads:${principal.accountId}:${hour}`, msLeftInHour + 1000);
    if (count > this.perHour) {
      throw new AccessRefusal(
        'rate_limited',
        'rate_limited',
        'Too many reads of other facilities’ records this hour; try again later.',
        { retryAfterSeconds: Math.max(1, Math.ceil(msLeftInHour / 1000)) },
        crossFacilityReadQuotaCause,
      );
    }
    return { purpose, crossFacility: true };
  }
}

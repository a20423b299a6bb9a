/**
 * A 409 `subject_already_registered` tells the caller that an ID number is registered: it is answered like a
 * search by that number (R7, R8). It counts against the caller's search quota, is recorded as a lookup (who,
 * when, the keyed hash of the number — never the number), and names the managing facility only to accounts of
 * that facility. Once the quota is used up every registration or ID change answers 429, whatever the number,
 * so the answer cannot tell a taken number from a free one.
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { DomainError } from '@vaxledger/kernel';
import { isDomainError, takenDocumentAnswer } from '../domain/registry-errors';
import type { IdDocument } from '../domain/subject-profile';
import type { LookupHasher } from '../privacy/lookup-hasher';
import type { SearchRateLimiter } from '../search-subjects/search-rate-limiter';
import type { AccessRecorder } from './access-recorder';

export class TakenDocumentLookups {
  constructor(
    private readonly limiter: SearchRateLimiter,
    private readonly access: AccessRecorder,
    private readonly hasher: LookupHasher,
  ) {}

  /** Before trying a document: 429 when the caller's search quota is already used up. */
  async ensureQuotaLeft(principal: Principal, now: Date): Promise<void> {
    await this.limiter.ensureLeft(principal.accountId, now);
  }

  /**
   * Runs an attempt that may find the document taken. A conflict is recorded, counted (429 beyond the quota)
   * and answered without naming another facility; any other outcome passes through unchanged.
   */
  async attempt<T>(principal: Principal, origin: RequestOrigin, document: IdDocument, now: Date, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isDomainError(error, 'subject_already_registered')) throw error;
      // The record names whom the lookup found (the caller never sees it), so the subject's own audit history
      // shows that someone tried their number.
      const holder = (error.details as { holderSubjectId?: string | null } | undefined)?.holderSubjectId ?? null;
      await this.access.record(principal, origin, now, {
        action: 'subject.lookup',
        subjectIds: holder ? [holder] : [],
        criteria: 'idNumber',
        idNumberKey: this.hasher.idNumberHash(document.number),
      });
      await this.limiter.take(principal.accountId, now);
      throw takenDocumentAnswer(ownFacilityOf(principal, error));
    }
  }
}

function ownFacilityOf(principal: Principal, conflict: DomainError): string | null {
  const managing = (conflict.details as { managingFacilityId?: string | null } | undefined)?.managingFacilityId ?? null;
  return managing !== null && principal.facilityId === managing ? managing : null;
}

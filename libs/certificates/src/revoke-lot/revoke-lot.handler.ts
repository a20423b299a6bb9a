/**
 * Revokes a vaccine lot: the lot's stream records it (later issuance skips doses of that lot), then every valid
 * certificate resting on the lot is revoked on its subject's stream. Both steps are idempotent, so repeating
 * the request after a crash finishes the work (the lot's second revocation is a 409, the sweep still runs).
 */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { DomainError, type ReadModelStore, validationError } from '@vaxledger/kernel';
import { type CertificateRecords, lotKey } from '../certificate-records';
import { requireNationalAdmin } from '../certificate-scope';
import { lotStreamId } from '../domain/certificate-record.events';
import { certificateIndex } from '../read-models/certificate-index.projection';
import { type LotRevokedAnswer, lotNumberPattern, type RevokeLotInput } from './revoke-lot.command';

export class RevokeLotHandler {
  constructor(
    private readonly records: CertificateRecords,
    private readonly readModels: ReadModelStore,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, lotNumber: string, input: RevokeLotInput): Promise<LotRevokedAnswer> {
    requireNationalAdmin(principal);
    if (!lotNumberPattern.test(lotNumber)) throw validationError('validation_failed', 'The lot number is not valid.', [{ field: 'lotNumber', problem: 'invalid lot number' }]);
    const meta = {
      actor: { accountId: principal.accountId, facilityId: principal.facilityId, provinceCode: principal.provinceCode },
      now: this.records.clockNow,
      correlationId: origin.correlationId,
    };
    let alreadyRevoked = false;
    try {
      await this.records.lots.handle(lotStreamId(lotKey(lotNumber)), { type: 'RevokeLot', lotNumber, reason: input.reason, now: meta.now }, meta);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'lot_already_revoked')) throw error;
      alreadyRevoked = true;
    }
    const resting = await (await certificateIndex(this.readModels)).find({ lotNumber, status: 'valid' });
    let revokedCertificates = 0;
    for (const subjectId of new Set(resting.map((c) => c.subjectId))) {
      revokedCertificates += await this.records.revokeOnLot(subjectId, lotNumber, input.reason, meta);
    }
    return { lotNumber, alreadyRevoked, revokedCertificates };
  }
}

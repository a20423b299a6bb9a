import { DomainError, type Clock, type KeyValueStore } from '@vaxledger/kernel';
import type { RequestOrigin } from '@vaxledger/auth';
import type { ReadModelStore } from '@vaxledger/kernel';
import type { TrustListHandler } from '../trust-list/trust-list.handler';
import { verifyHcert } from '../domain/hcert-verifier';
import { certificateIndex } from '../read-models/certificate-index.projection';
import type { CertificateVerificationAnswer, VerifyCertificateInput } from './verify-certificate.command';

/** Public verification: our own trust list and revocation list; rate-limited per client address. */
export class VerifyCertificateHandler {
  constructor(
    private readonly trustList: TrustListHandler,
    private readonly readModels: ReadModelStore,
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  async execute(origin: RequestOrigin, input: VerifyCertificateInput): Promise<CertificateVerificationAnswer> {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    const count = await this.kv.increment(`certificates:verify-rate:${origin.ip}:${minute}`, 61_000);
    if (count > this.perMinute) {
      throw new DomainError('rate_limited', 'rate_limited', 'Too many verifications from this address; try again later.', {
        retryAfterSeconds: Math.ceil((60_000 - (now.getTime() % 60_000)) / 1000),
      });
    }
    const revoked = await (await certificateIndex(this.readModels)).find({ status: 'revoked' });
    const result = verifyHcert(input.hc1, { now, trustList: this.trustList.execute().keys, revokedUvciHashes: new Set(revoked.map((c) => c.uvciHash)) });
    if (!result.valid) return { valid: false, reason: result.reason, message: result.message };
    return { valid: true, payload: result.payload, issuedAt: result.issuedAt, expiresAt: result.expiresAt, kid: result.kid };
  }
}

/**
 * The revocation list as the DCC revocation approach publishes it: SHA-256 hashes of revoked UVCIs, never the
 * identifiers themselves, signed by the document signer (ES256 over the JSON of `payload`, raw r‖s, base64url)
 * so an offline verifier can trust a cached copy.
 */
import { sign } from 'node:crypto';
import type { Clock, ReadModelStore } from '@vaxledger/kernel';
import type { LoadedSigner } from '../document-signer-store';
import { certificateIndex } from '../read-models/certificate-index.projection';
import type { SignedRevocationList } from './revocation-list.answer';

export type { SignedRevocationList } from './revocation-list.answer';

export class RevocationListHandler {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly signer: LoadedSigner,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<SignedRevocationList> {
    const revoked = await (await certificateIndex(this.readModels)).find({ status: 'revoked' });
    const payload = {
      generatedAt: this.clock.now().toISOString(),
      kid: this.signer.kid,
      hashAlgorithm: 'SHA-256' as const,
      hashes: [...new Set(revoked.map((c) => c.uvciHash))].sort(),
    };
    const signature = sign('sha256', Buffer.from(JSON.stringify(payload), 'utf8'), { key: this.signer.privateKey, dsaEncoding: 'ieee-p1363' });
    return { payload, signature: signature.toString('base64url') };
  }
}

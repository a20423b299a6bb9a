import type { Clock } from '@vaxledger/kernel';
import type { LoadedSigners } from '../document-signer-store';
import type { TrustedSigner } from '../domain/hcert-verifier';
import type { TrustListAnswer } from './trust-list.answer';

/**
 * The document signers verifiers should trust for Vietnamese certificates: kid, country, DER certificate. The
 * current signer first, then each replaced one whose certificate is still valid, so certificates signed before
 * a rotation keep verifying until their signer's certificate expires.
 */
export class TrustListHandler {
  constructor(
    private readonly signers: LoadedSigners,
    private readonly clock: Clock,
  ) {}

  execute(): TrustListAnswer & { keys: TrustedSigner[] } {
    const now = this.clock.now().getTime();
    const previous = this.signers.previous.filter((signer) => signer.validTo.getTime() >= now);
    return {
      keys: [this.signers.current, ...previous].map((s) => ({ kid: s.kid, country: s.country, certificate: s.certificateDer.toString('base64') })),
    };
  }
}

import type { LoadedSigner } from '../document-signer-store';
import type { TrustedSigner } from '../domain/hcert-verifier';

/** The document signers verifiers should trust for Vietnamese certificates: kid, country, DER certificate. */
export class TrustListHandler {
  constructor(private readonly signers: readonly LoadedSigner[]) {}

  execute(): { keys: TrustedSigner[] } {
    return { keys: this.signers.map((s) => ({ kid: s.kid, country: s.country, certificate: s.certificateDer.toString('base64') })) };
  }
}

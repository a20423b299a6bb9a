/**
 * Verifies an `HC1:` text against a trust list and a revocation list, the way a verifier app does offline:
 * every layer, the signer's key and validity, the certificate's key usage, the CWT's validity window, the
 * DCC's shape and the UVCI's revocation. Pure apart from node:crypto; the caller supplies the clock.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { decodeHcert, HcertRefused, type RefusalReason, verifyHcertSignature } from './hcert';
import { judgeContent } from './hcert-rules';

export interface TrustedSigner {
  /** base64 of the 8-byte key identifier. */
  kid: string;
  country: string;
  /** base64 DER. */
  certificate: string;
}

export type VerificationResult =
  | { valid: true; payload: Record<string, unknown>; kid: string; country: string; issuedAt: string | null; expiresAt: string; uvci: string | null }
  | { valid: false; reason: RefusalReason; message: string };

/** SHA-256 of the upper-case UVCI, hex: what the revocation list publishes instead of the identifier itself. */
export function uvciRevocationHash(uvci: string): string {
  return createHash('sha256').update(uvci.trim().toUpperCase(), 'utf8').digest('hex');
}

export interface VerifyOptions {
  now: Date;
  trustList: readonly TrustedSigner[];
  /** Hashes from `uvciRevocationHash`. */
  revokedUvciHashes?: ReadonlySet<string>;
}

export function verifyHcert(text: string, options: VerifyOptions): VerificationResult {
  try {
    return verifyOrThrow(text.trim(), options);
  } catch (error) {
    if (error instanceof HcertRefused) return { valid: false, reason: error.reason, message: error.message };
    throw error;
  }
}

function verifyOrThrow(text: string, options: VerifyOptions): VerificationResult {
  const decoded = decodeHcert(text);
  const kid = decoded.kid.toString('base64');
  const signer = options.trustList.find((entry) => entry.kid === kid);
  if (!signer) throw new HcertRefused('unknown_signer', 'No trusted document signer has this key identifier.');
  const certificate = new X509Certificate(Buffer.from(signer.certificate, 'base64'));
  if (!verifyHcertSignature(decoded, certificate)) throw new HcertRefused('signature_invalid', 'The signature does not verify.');
  const { uvci, expiresAt } = judgeContent({
    dcc: decoded.dcc,
    issuedAt: decoded.issuedAt,
    expiresAt: decoded.expiresAt,
    signer: { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo), extendedKeyUsages: certificate.keyUsage ?? [] },
    now: options.now,
  });
  if (uvci && options.revokedUvciHashes?.has(uvciRevocationHash(uvci))) throw new HcertRefused('revoked', 'The certificate has been revoked.');
  return {
    valid: true,
    payload: decoded.dcc,
    kid,
    country: signer.country,
    issuedAt: decoded.issuedAt?.toISOString() ?? null,
    expiresAt: expiresAt.toISOString(),
    uvci,
  };
}

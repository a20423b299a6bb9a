/**
 * Verifies an `HC1:` text against a trust list and a revocation list, the way a verifier app does offline:
 * every layer, the signer's key and validity, the certificate's key usage, the CWT's validity window, the
 * DCC's shape and the UVCI's revocation. Pure apart from node:crypto; the caller supplies the clock.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { decodeHcert, HcertRefused, type RefusalReason, verifyHcertSignature } from './hcert';
import { uvciChecksumValid } from './uvci';

export interface TrustedSigner {
  /** base64 of the 8-byte key identifier. */
  kid: string;
  country: string;
  /** base64 DER. */
  certificate: string;
}

export type VerificationResult =
  | { valid: true; payload: Record<string, unknown>; kid: string; country: string; issuedAt: string | null; expiresAt: string | null; uvci: string | null }
  | { valid: false; reason: RefusalReason; message: string };

/**
 * Extended key usage OIDs of the DCC trust framework: a signer restricted to some kinds may sign only those.
 * The specification lists each under two arcs (with and without the stray `.0` early signers used).
 */
const keyUsageOids: Record<'t' | 'v' | 'r', readonly string[]> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};
const allKeyUsageOids = new Set(Object.values(keyUsageOids).flat());

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
  const now = options.now.getTime();
  if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
    throw new HcertRefused('signer_certificate_not_valid', 'The document signer certificate is not valid at this time.');
  }
  const dcc = decoded.dcc;
  const kind = (['v', 't', 'r'] as const).find((key) => Array.isArray(dcc[key]));
  if (!kind || !isDccShape(dcc, kind)) throw new HcertRefused('payload_invalid', 'The DCC lacks its name, birth date or one v/t/r entry.');
  const usages = (certificate.keyUsage ?? []).filter((oid) => allKeyUsageOids.has(oid));
  if (usages.length > 0 && !usages.some((oid) => keyUsageOids[kind].includes(oid))) {
    throw new HcertRefused('key_usage_mismatch', 'The document signer may not sign this kind of certificate.');
  }
  if (decoded.issuedAt && decoded.issuedAt.getTime() > now + 5 * 60_000) throw new HcertRefused('not_yet_valid', 'The certificate was issued in the future.');
  if (!decoded.expiresAt || decoded.expiresAt.getTime() < now) throw new HcertRefused('expired', 'The certificate has expired.');
  const entry = (dcc[kind] as Array<Record<string, unknown>>)[0];
  const uvci = typeof entry.ci === 'string' ? entry.ci : null;
  if (uvci && !uvciChecksumValid(uvci)) throw new HcertRefused('payload_invalid', 'The certificate identifier fails its checksum.');
  if (uvci && options.revokedUvciHashes?.has(uvciRevocationHash(uvci))) throw new HcertRefused('revoked', 'The certificate has been revoked.');
  return {
    valid: true,
    payload: dcc,
    kid,
    country: signer.country,
    issuedAt: decoded.issuedAt?.toISOString() ?? null,
    expiresAt: decoded.expiresAt.toISOString(),
    uvci,
  };
}

function isDccShape(dcc: Record<string, unknown>, kind: 'v' | 't' | 'r'): boolean {
  const nam = dcc.nam as Record<string, unknown> | undefined;
  const entries = dcc[kind] as unknown[];
  return (
    typeof dcc.ver === 'string' &&
    typeof dcc.dob === 'string' &&
    !!nam &&
    typeof nam.fnt === 'string' &&
    /^[A-Z<]*$/.test(nam.fnt) &&
    entries.length === 1 &&
    typeof entries[0] === 'object' &&
    entries[0] !== null
  );
}

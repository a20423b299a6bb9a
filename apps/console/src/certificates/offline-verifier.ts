/**
 * Verifies an `HC1:` text in the browser, with no server call: Base45, zlib, COSE_Sign1 (ES256, or PS256 for
 * foreign RSA signers) checked with WebCrypto against the trust-list certificate of its `kid`, the signer's
 * validity and key usage, the CWT's validity window, the DCC's shape, the UVCI's checksum and the revocation
 * list (SHA-256 of the upper-case UVCI). Same layers, same order and same reasons as the services' verifier
 * (libs/certificates/src/domain/hcert-verifier.ts), so the console and `POST /certificates/verify` agree.
 */
import {
  coseAlgorithms,
  hcertPrefix,
  HcertRefused,
  judgeContent,
  maxInflatedBytes,
  readCoseSign1,
  type RefusalReason,
  sigStructure,
} from '../../../../libs/certificates/src/domain/hcert-rules';
import { Base45Invalid, decodeBase45 } from './base45';
import { base64ToBytes, bytesToBase64 } from './base64';
import { readSignerCertificate, type SignerCertificate } from './signer-certificate';
import type { VerificationMaterial } from './verification-material';

export { refusalReasons, type RefusalReason } from '../../../../libs/certificates/src/domain/hcert-rules';

export type OfflineVerdict =
  | {
      valid: true;
      dcc: Record<string, unknown>;
      kid: string;
      country: string;
      issuedAt: string | null;
      expiresAt: string;
      uvci: string | null;
    }
  | { valid: false; reason: RefusalReason };

/** SHA-256 (hex) of the upper-case UVCI: what the revocation list publishes instead of the identifier. */
export async function uvciRevocationHash(uvci: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(uvci.trim().toUpperCase()));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verifyOffline(
  text: string,
  material: VerificationMaterial,
  now: Date = new Date(),
): Promise<OfflineVerdict> {
  try {
    return await verifyOrRefuse(text.trim(), material, now);
  } catch (error) {
    if (error instanceof HcertRefused) return { valid: false, reason: error.reason };
    throw error;
  }
}

async function verifyOrRefuse(text: string, material: VerificationMaterial, now: Date): Promise<OfflineVerdict> {
  if (!text.startsWith(hcertPrefix)) throw refused('prefix_invalid');
  let compressed: Uint8Array;
  try {
    compressed = decodeBase45(text.slice(hcertPrefix.length));
  } catch (error) {
    if (error instanceof Base45Invalid) throw refused('base45_invalid');
    throw error;
  }
  // A zlib stream (78 xx) is the rule; an uncompressed COSE structure is tolerated, as verifiers do.
  const parts = readCoseSign1(compressed[0] === 0x78 ? await inflate(compressed) : compressed);

  const kid = bytesToBase64(parts.kid);
  const signer = material.trustList.find((entry) => entry.kid === kid);
  if (!signer) throw refused('unknown_signer');
  let certificate: SignerCertificate;
  try {
    certificate = readSignerCertificate(base64ToBytes(signer.certificate));
  } catch {
    throw refused('unknown_signer');
  }
  if (!(await signatureVerifies(parts.algorithm, certificate, parts.signature, sigStructure(parts.protectedHeader, parts.payload)))) {
    throw refused('signature_invalid');
  }
  const { uvci, expiresAt } = judgeContent({
    dcc: parts.dcc,
    issuedAt: parts.issuedAt,
    expiresAt: parts.expiresAt,
    signer: certificate,
    now,
  });
  if (uvci && material.revocationList.payload.hashes.includes(await uvciRevocationHash(uvci))) throw refused('revoked');
  return {
    valid: true,
    dcc: parts.dcc,
    kid,
    country: signer.country,
    issuedAt: parts.issuedAt?.toISOString() ?? null,
    expiresAt: expiresAt.toISOString(),
    uvci,
  };
}

/** The console shows its own sentence for each reason; the message is for logs. */
const refused = (reason: RefusalReason) => new HcertRefused(reason, reason);

async function inflate(compressed: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxInflatedBytes) {
        await reader.cancel();
        throw refused('compression_invalid');
      }
      chunks.push(value);
    }
  } catch {
    throw refused('compression_invalid');
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

async function signatureVerifies(
  algorithm: number,
  certificate: SignerCertificate,
  signature: Uint8Array,
  signed: Uint8Array,
): Promise<boolean> {
  try {
    if (algorithm === coseAlgorithms.ES256) {
      if (certificate.keyType !== 'ec-p256') return false;
      const key = await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      // COSE carries the raw r‖s, which is what WebCrypto's ECDSA takes.
      return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signed);
    }
    if (algorithm === coseAlgorithms.PS256) {
      if (certificate.keyType !== 'rsa') return false;
      const key = await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, key, signature, signed);
    }
  } catch {
    return false;
  }
  throw refused('algorithm_unsupported');
}

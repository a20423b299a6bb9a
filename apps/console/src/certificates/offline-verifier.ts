/**
 * Verifies an `HC1:` text in the browser, with no server call: Base45, zlib, COSE_Sign1 (ES256, or PS256 for
 * foreign RSA signers) checked with WebCrypto against the trust-list certificate of its `kid`, the signer's
 * validity and key usage, the CWT's validity window, the DCC's shape, the UVCI's checksum and the revocation
 * list (SHA-256 of the upper-case UVCI). Same layers, same order and same reasons as the services' verifier
 * (libs/certificates/src/domain/hcert-verifier.ts), so the console and `POST /certificates/verify` agree.
 */
import { Decoder, Encoder, Tag } from 'cbor-x';
import { uvciChecksumValid } from '../../../../libs/certificates/src/domain/uvci';
import { Base45Invalid, decodeBase45 } from './base45';
import { base64ToBytes, bytesToBase64 } from './base64';
import { readSignerCertificate, type SignerCertificate } from './signer-certificate';
import type { VerificationMaterial } from './verification-material';

/** Why a QR code is refused, layer by layer, then by content (the services' reason codes). */
export type RefusalReason =
  | 'prefix_invalid'
  | 'base45_invalid'
  | 'compression_invalid'
  | 'cose_invalid'
  | 'cwt_invalid'
  | 'unknown_signer'
  | 'algorithm_unsupported'
  | 'signature_invalid'
  | 'signer_certificate_not_valid'
  | 'key_usage_mismatch'
  | 'not_yet_valid'
  | 'expired'
  | 'payload_invalid'
  | 'revoked';

export const refusalReasons: readonly RefusalReason[] = [
  'prefix_invalid',
  'base45_invalid',
  'compression_invalid',
  'cose_invalid',
  'cwt_invalid',
  'unknown_signer',
  'algorithm_unsupported',
  'signature_invalid',
  'signer_certificate_not_valid',
  'key_usage_mismatch',
  'not_yet_valid',
  'expired',
  'payload_invalid',
  'revoked',
];

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

class Refused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

const hcertPrefix = 'HC1:';
const coseSign1Tag = 18;
const cwtClaims = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
const coseHeader = { alg: 1, kid: 4 } as const;
const coseAlgorithms = { ES256: -7, PS256: -37 } as const;
/** A DCC is a few hundred bytes; a "zip bomb" in a QR code is stopped here. */
const maxInflatedBytes = 1 << 20;

// Plain CBOR as the issuer writes it: no cbor-x records, byte strings untagged.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, variableMapSize: true });

/** The DCC trust framework's extended key usages (each under the two arcs early signers used). */
const keyUsageOids: Record<'t' | 'v' | 'r', readonly string[]> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};
const allKeyUsageOids = new Set(Object.values(keyUsageOids).flat());

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
    if (error instanceof Refused) return { valid: false, reason: error.reason };
    throw error;
  }
}

async function verifyOrRefuse(text: string, material: VerificationMaterial, now: Date): Promise<OfflineVerdict> {
  if (!text.startsWith(hcertPrefix)) throw new Refused('prefix_invalid');
  let compressed: Uint8Array;
  try {
    compressed = decodeBase45(text.slice(hcertPrefix.length));
  } catch (error) {
    if (error instanceof Base45Invalid) throw new Refused('base45_invalid');
    throw error;
  }
  // A zlib stream (78 xx) is the rule; an uncompressed COSE structure is tolerated, as verifiers do.
  const cose = compressed[0] === 0x78 ? await inflate(compressed) : compressed;
  const message = decodeCbor(cose, 'cose_invalid');
  const parts = message instanceof Tag ? (message.tag === coseSign1Tag ? message.value : null) : message;
  if (!Array.isArray(parts) || parts.length !== 4 || !isBytes(parts[0]) || !isBytes(parts[2]) || !isBytes(parts[3])) {
    throw new Refused('cose_invalid');
  }
  const [protectedBytes, unprotected, payloadBytes, signature] = parts as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const protectedHeader = protectedBytes.length ? decodeMap(protectedBytes, 'cose_invalid') : new Map();
  const unprotectedHeader = unprotected instanceof Map ? unprotected : new Map();
  const kidBytes = protectedHeader.get(coseHeader.kid) ?? unprotectedHeader.get(coseHeader.kid);
  const algorithm = protectedHeader.get(coseHeader.alg) ?? unprotectedHeader.get(coseHeader.alg);
  if (!isBytes(kidBytes) || typeof algorithm !== 'number') throw new Refused('cose_invalid');

  const claims = decodeMap(payloadBytes, 'cwt_invalid');
  const hcert = claims.get(cwtClaims.hcert);
  const dccMap = hcert instanceof Map ? hcert.get(1) : undefined;
  if (!(dccMap instanceof Map)) throw new Refused('cwt_invalid');

  const kid = bytesToBase64(kidBytes);
  const signer = material.trustList.find((entry) => entry.kid === kid);
  if (!signer) throw new Refused('unknown_signer');
  let certificate: SignerCertificate;
  try {
    certificate = readSignerCertificate(base64ToBytes(signer.certificate));
  } catch {
    throw new Refused('unknown_signer');
  }
  const signed = encoder.encode(['Signature1', protectedBytes, new Uint8Array(0), payloadBytes]);
  if (!(await signatureVerifies(algorithm, certificate, signature, signed))) throw new Refused('signature_invalid');

  const at = now.getTime();
  if (at < certificate.notBefore.getTime() || at > certificate.notAfter.getTime()) {
    throw new Refused('signer_certificate_not_valid');
  }
  const dcc = plain(dccMap) as Record<string, unknown>;
  const kind = (['v', 't', 'r'] as const).find((key) => Array.isArray(dcc[key]));
  if (!kind || !isDccShape(dcc, kind)) throw new Refused('payload_invalid');
  const usages = certificate.extendedKeyUsages.filter((oid) => allKeyUsageOids.has(oid));
  if (usages.length > 0 && !usages.some((oid) => keyUsageOids[kind].includes(oid))) {
    throw new Refused('key_usage_mismatch');
  }
  const seconds = (key: number) => {
    const value = claims.get(key);
    return typeof value === 'number' ? new Date(value * 1000) : null;
  };
  const issuedAt = seconds(cwtClaims.iat);
  const expiresAt = seconds(cwtClaims.exp);
  // Five minutes of clock skew between the issuer and this device are forgiven.
  if (issuedAt && issuedAt.getTime() > at + 5 * 60_000) throw new Refused('not_yet_valid');
  if (!expiresAt || expiresAt.getTime() < at) throw new Refused('expired');
  const entry = (dcc[kind] as Array<Record<string, unknown>>)[0];
  const uvci = typeof entry.ci === 'string' ? entry.ci : null;
  if (uvci && !uvciChecksumValid(uvci)) throw new Refused('payload_invalid');
  if (uvci && material.revocationList.payload.hashes.includes(await uvciRevocationHash(uvci))) {
    throw new Refused('revoked');
  }
  return {
    valid: true,
    dcc,
    kid,
    country: signer.country,
    issuedAt: issuedAt?.toISOString() ?? null,
    expiresAt: expiresAt.toISOString(),
    uvci,
  };
}

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
        throw new Refused('compression_invalid');
      }
      chunks.push(value);
    }
  } catch {
    throw new Refused('compression_invalid');
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
  throw new Refused('algorithm_unsupported');
}

function decodeCbor(bytes: Uint8Array, reason: RefusalReason): unknown {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Refused(reason);
  }
}

function decodeMap(bytes: Uint8Array, reason: RefusalReason): Map<unknown, unknown> {
  const value = decodeCbor(bytes, reason);
  if (!(value instanceof Map)) throw new Refused(reason);
  return value;
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/** CBOR maps with text keys → plain objects, recursively (the DCC is JSON-shaped). */
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Tag) return plain(value.value);
  return value;
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

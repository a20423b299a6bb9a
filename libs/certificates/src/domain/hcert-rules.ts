/**
 * The parts of reading and judging an HCERT that do not depend on where it runs: the COSE_Sign1 and CWT layers
 * (CBOR only), the Sig_structure a signature covers, the refusal reasons and the checks of a certificate's
 * content, in their order. The services' verifier (node:crypto, node:zlib) and the console's offline verifier
 * (WebCrypto, DecompressionStream) both use this module, so they refuse the same certificates for the same
 * reasons. It imports nothing but cbor-x, which runs in a browser.
 */
import { Decoder, Encoder, Tag } from 'cbor-x';
import { uvciChecksumValid } from './uvci';

export const hcertPrefix = 'HC1:';
export const coseSign1Tag = 18;
export const cwtClaims = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
export const hcertDccKey = 1;
export const coseHeader = { alg: 1, kid: 4 } as const;
export const coseAlgorithms = { ES256: -7, PS256: -37 } as const;
/** A DCC is a few hundred bytes; a "zip bomb" in a QR code is stopped here. */
export const maxInflatedBytes = 1 << 20;

/** Why a QR code is refused, layer by layer, then by content, in the order the checks run. */
export const refusalReasons = [
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
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export class HcertRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'HcertRefused';
  }
}

// Plain CBOR: no cbor-x records or structured-clone tags, definite-length minimal maps, byte strings untagged.
export const hcertCborEncoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, variableMapSize: true });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });

/** A COSE_Sign1 read down to its DCC, nothing verified yet. */
export interface CoseSign1Parts {
  kid: Uint8Array;
  algorithm: number;
  issuer: string | null;
  issuedAt: Date | null;
  expiresAt: Date | null;
  dcc: Record<string, unknown>;
  protectedHeader: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

/** Reads the COSE_Sign1 and its CWT (the bytes after Base45 and zlib). Throws HcertRefused naming the broken layer. */
export function readCoseSign1(cose: Uint8Array): CoseSign1Parts {
  let message: unknown;
  try {
    message = decoder.decode(cose);
  } catch {
    throw new HcertRefused('cose_invalid', 'The content is not CBOR.');
  }
  const parts = message instanceof Tag ? (message.tag === coseSign1Tag ? message.value : null) : message;
  if (!Array.isArray(parts) || parts.length !== 4 || !isBytes(parts[0]) || !isBytes(parts[2]) || !isBytes(parts[3])) {
    throw new HcertRefused('cose_invalid', 'The content is not a COSE_Sign1 structure.');
  }
  const [protectedHeader, unprotected, payload, signature] = parts as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const protectedMap = protectedHeader.length ? decodeMap(protectedHeader, 'cose_invalid', 'protected header') : new Map();
  const unprotectedMap = unprotected instanceof Map ? unprotected : new Map();
  const kid = protectedMap.get(coseHeader.kid) ?? unprotectedMap.get(coseHeader.kid);
  const algorithm = protectedMap.get(coseHeader.alg) ?? unprotectedMap.get(coseHeader.alg);
  if (!isBytes(kid)) throw new HcertRefused('cose_invalid', 'The COSE header names no key identifier.');
  if (typeof algorithm !== 'number') throw new HcertRefused('cose_invalid', 'The COSE header names no algorithm.');

  const claims = decodeMap(payload, 'cwt_invalid', 'CWT payload');
  const hcert = claims.get(cwtClaims.hcert);
  const dcc = hcert instanceof Map ? hcert.get(hcertDccKey) : undefined;
  if (!(dcc instanceof Map)) throw new HcertRefused('cwt_invalid', 'The CWT carries no DCC under -260 → 1.');
  const seconds = (key: number) => {
    const value = claims.get(key);
    return typeof value === 'number' ? new Date(value * 1000) : null;
  };
  const issuer = claims.get(cwtClaims.iss);
  return {
    kid,
    algorithm,
    issuer: typeof issuer === 'string' ? issuer : null,
    issuedAt: seconds(cwtClaims.iat),
    expiresAt: seconds(cwtClaims.exp),
    dcc: plain(dcc) as Record<string, unknown>,
    protectedHeader,
    payload,
    signature,
  };
}

/** What a COSE_Sign1 signature covers: the Sig_structure of its protected header and payload. */
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return hcertCborEncoder.encode(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

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

export interface ContentToJudge {
  dcc: Record<string, unknown>;
  issuedAt: Date | null;
  expiresAt: Date | null;
  /** The document signer certificate whose key verified the signature. */
  signer: { notBefore: Date; notAfter: Date; extendedKeyUsages: readonly string[] };
  now: Date;
}

/**
 * The checks after the signature verified, in order: the signer certificate's validity, the DCC's shape, the
 * signer's key usage, the CWT's validity window (five minutes of clock skew forgiven) and the UVCI's checksum.
 * Returns the certificate's kind and UVCI (whose revocation the caller looks up); throws HcertRefused.
 */
export function judgeContent(content: ContentToJudge): { kind: 'v' | 't' | 'r'; uvci: string | null; expiresAt: Date } {
  const { dcc, signer, issuedAt, expiresAt } = content;
  const now = content.now.getTime();
  if (now < signer.notBefore.getTime() || now > signer.notAfter.getTime()) {
    throw new HcertRefused('signer_certificate_not_valid', 'The document signer certificate is not valid at this time.');
  }
  const kind = (['v', 't', 'r'] as const).find((key) => Array.isArray(dcc[key]));
  if (!kind || !isDccShape(dcc, kind)) throw new HcertRefused('payload_invalid', 'The DCC lacks its name, birth date or one v/t/r entry.');
  const usages = signer.extendedKeyUsages.filter((oid) => allKeyUsageOids.has(oid));
  if (usages.length > 0 && !usages.some((oid) => keyUsageOids[kind].includes(oid))) {
    throw new HcertRefused('key_usage_mismatch', 'The document signer may not sign this kind of certificate.');
  }
  if (issuedAt && issuedAt.getTime() > now + 5 * 60_000) throw new HcertRefused('not_yet_valid', 'The certificate was issued in the future.');
  if (!expiresAt || expiresAt.getTime() < now) throw new HcertRefused('expired', 'The certificate has expired.');
  const entry = (dcc[kind] as Array<Record<string, unknown>>)[0];
  const uvci = typeof entry.ci === 'string' ? entry.ci : null;
  if (uvci && !uvciChecksumValid(uvci)) throw new HcertRefused('payload_invalid', 'The certificate identifier fails its checksum.');
  return { kind, uvci, expiresAt };
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

function decodeMap(bytes: Uint8Array, reason: RefusalReason, what: string): Map<unknown, unknown> {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch {
    throw new HcertRefused(reason, `The ${what} is not CBOR.`);
  }
  if (!(value instanceof Map)) throw new HcertRefused(reason, `The ${what} is not a CBOR map.`);
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

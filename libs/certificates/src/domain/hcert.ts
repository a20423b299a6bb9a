/**
 * HCERT 1.3 (the EU DCC's electronic health certificate container): the DCC goes into a CWT (claim -260 → 1),
 * which is signed as a COSE_Sign1 (ES256, protected `alg` and `kid`), compressed with zlib, Base45-encoded and
 * prefixed with `HC1:`. The same module reads one back, and names each layer that is broken.
 */
import { createHash, sign, verify, type KeyObject, X509Certificate, constants } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { decode as base45Decode, encode as base45Encode } from 'base45';
import { Decoder, Encoder, Tag } from 'cbor-x';
import type { DigitalCovidCertificate } from './dcc-payload';

export const hcertPrefix = 'HC1:';
const coseSign1Tag = 18;
const cwtClaims = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
const hcertDccKey = 1;
const coseHeader = { alg: 1, kid: 4 } as const;
export const coseAlgorithms = { ES256: -7, PS256: -37 } as const;

// Plain CBOR: no cbor-x records or structured-clone tags, definite-length minimal maps, byte strings untagged.
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, variableMapSize: true });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });

/** The document signer: an EC P-256 private key and its X.509 certificate (DER). */
export interface DocumentSigner {
  privateKey: KeyObject;
  certificateDer: Buffer;
}

/** First 8 bytes of the SHA-256 of the signer certificate's DER encoding, as the DCC trust framework defines. */
export function keyIdentifier(certificateDer: Buffer): Buffer {
  return createHash('sha256').update(certificateDer).digest().subarray(0, 8);
}

export interface SignOptions {
  issuerCountry: string;
  issuedAt: Date;
  expiresAt: Date;
}

export function encodeHcert(dcc: DigitalCovidCertificate, signer: DocumentSigner, options: SignOptions): string {
  const claims = new Map<number, unknown>([
    [cwtClaims.iss, options.issuerCountry],
    [cwtClaims.iat, Math.floor(options.issuedAt.getTime() / 1000)],
    [cwtClaims.exp, Math.floor(options.expiresAt.getTime() / 1000)],
    [cwtClaims.hcert, new Map([[hcertDccKey, dcc]])],
  ]);
  const payload = encoder.encode(claims);
  const protectedHeader = encoder.encode(
    new Map<number, unknown>([
      [coseHeader.alg, coseAlgorithms.ES256],
      [coseHeader.kid, keyIdentifier(signer.certificateDer)],
    ]),
  );
  // COSE wants the raw r‖s (64 bytes), not the DER ECDSA-Sig-Value node signs by default.
  const signature = sign('sha256', sigStructure(protectedHeader, payload), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
  const cose = encoder.encode(new Tag([protectedHeader, new Map(), payload, signature], coseSign1Tag));
  return hcertPrefix + base45Encode(deflateSync(cose, { level: 9 }));
}

function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Buffer {
  return encoder.encode(['Signature1', Buffer.from(protectedHeader), Buffer.alloc(0), Buffer.from(payload)]);
}

/** Why a QR code is refused, layer by layer, then by content. */
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

export class HcertRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'HcertRefused';
  }
}

export interface DecodedHcert {
  kid: Buffer;
  algorithm: number;
  issuer: string | null;
  issuedAt: Date | null;
  expiresAt: Date | null;
  dcc: Record<string, unknown>;
  /** What the signature covers, kept for `verifyHcertSignature`. */
  signed: { protectedHeader: Buffer; payload: Buffer; signature: Buffer };
}

const base45Alphabet = /^[0-9A-Z $%*+\-./:]*$/;

/** Reads the layers without checking the signature. Throws HcertRefused naming the first broken layer. */
export function decodeHcert(text: string): DecodedHcert {
  if (!text.startsWith(hcertPrefix)) throw new HcertRefused('prefix_invalid', 'The text does not start with HC1:.');
  const body = text.slice(hcertPrefix.length);
  if (!base45Alphabet.test(body) || body.length % 3 === 1) throw new HcertRefused('base45_invalid', 'The text is not valid Base45.');
  const compressed = base45Decode(body);
  if (!base45TriplesInRange(body)) throw new HcertRefused('base45_invalid', 'The text is not valid Base45.');
  let cose: Buffer;
  try {
    // A zlib stream (78 xx) is the rule; an uncompressed COSE structure is tolerated, as verifiers do.
    cose = compressed[0] === 0x78 ? inflateSync(compressed, { maxOutputLength: 1 << 20 }) : compressed;
  } catch {
    throw new HcertRefused('compression_invalid', 'The zlib stream is broken.');
  }
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
  const [protectedBytes, unprotected, payloadBytes, signature] = parts as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const protectedHeader = protectedBytes.length ? decodeMap(protectedBytes, 'cose_invalid', 'protected header') : new Map();
  const unprotectedHeader = unprotected instanceof Map ? unprotected : new Map();
  const kid = protectedHeader.get(coseHeader.kid) ?? unprotectedHeader.get(coseHeader.kid);
  const algorithm = protectedHeader.get(coseHeader.alg) ?? unprotectedHeader.get(coseHeader.alg);
  if (!isBytes(kid)) throw new HcertRefused('cose_invalid', 'The COSE header names no key identifier.');
  if (typeof algorithm !== 'number') throw new HcertRefused('cose_invalid', 'The COSE header names no algorithm.');

  const claims = decodeMap(payloadBytes, 'cwt_invalid', 'CWT payload');
  const hcert = claims.get(cwtClaims.hcert);
  const dcc = hcert instanceof Map ? hcert.get(hcertDccKey) : undefined;
  if (!(dcc instanceof Map)) throw new HcertRefused('cwt_invalid', 'The CWT carries no DCC under -260 → 1.');
  const seconds = (key: number) => {
    const value = claims.get(key);
    return typeof value === 'number' ? new Date(value * 1000) : null;
  };
  return {
    kid: Buffer.from(kid),
    algorithm,
    issuer: typeof claims.get(cwtClaims.iss) === 'string' ? (claims.get(cwtClaims.iss) as string) : null,
    issuedAt: seconds(cwtClaims.iat),
    expiresAt: seconds(cwtClaims.exp),
    dcc: plain(dcc) as Record<string, unknown>,
    signed: { protectedHeader: Buffer.from(protectedBytes), payload: Buffer.from(payloadBytes), signature: Buffer.from(signature) },
  };
}

/** True when the signature over the COSE Sig_structure verifies under the certificate's public key. */
export function verifyHcertSignature(decoded: DecodedHcert, certificate: X509Certificate): boolean {
  const data = sigStructure(decoded.signed.protectedHeader, decoded.signed.payload);
  const key = certificate.publicKey;
  if (decoded.algorithm === coseAlgorithms.ES256) {
    if (key.asymmetricKeyType !== 'ec') return false;
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, decoded.signed.signature);
  }
  if (decoded.algorithm === coseAlgorithms.PS256) {
    if (key.asymmetricKeyType !== 'rsa') return false;
    return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, decoded.signed.signature);
  }
  throw new HcertRefused('algorithm_unsupported', `COSE algorithm ${decoded.algorithm} is not supported.`);
}

function base45TriplesInRange(body: string): boolean {
  const charset = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  for (let i = 0; i + 3 <= body.length; i += 3) {
    const value = charset.indexOf(body[i]) + charset.indexOf(body[i + 1]) * 45 + charset.indexOf(body[i + 2]) * 2025;
    if (value > 0xffff) return false;
  }
  if (body.length % 3 === 2 && charset.indexOf(body[body.length - 2]) + charset.indexOf(body[body.length - 1]) * 45 > 0xff) return false;
  return true;
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

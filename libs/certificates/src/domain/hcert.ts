/**
 * HCERT 1.3 (the EU DCC's electronic health certificate container): the DCC goes into a CWT (claim -260 → 1),
 * which is signed as a COSE_Sign1 (ES256, protected `alg` and `kid`), compressed with zlib, Base45-encoded and
 * prefixed with `HC1:`. The same module reads one back, and names each layer that is broken.
 */
import { createHash, sign, verify, type KeyObject, X509Certificate, constants } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { decode as base45Decode, encode as base45Encode } from 'base45';
import { Tag } from 'cbor-x';
import type { DigitalCovidCertificate } from './dcc-payload';
import {
  coseAlgorithms,
  coseHeader,
  coseSign1Tag,
  cwtClaims,
  hcertCborEncoder as encoder,
  hcertDccKey,
  hcertPrefix,
  HcertRefused,
  maxInflatedBytes,
  readCoseSign1,
  sigStructure,
} from './hcert-rules';

export { coseAlgorithms, hcertPrefix, HcertRefused, type RefusalReason } from './hcert-rules';

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
    cose = compressed[0] === 0x78 ? inflateSync(compressed, { maxOutputLength: maxInflatedBytes }) : compressed;
  } catch {
    throw new HcertRefused('compression_invalid', 'The zlib stream is broken.');
  }
  const parts = readCoseSign1(cose);
  return {
    kid: Buffer.from(parts.kid),
    algorithm: parts.algorithm,
    issuer: parts.issuer,
    issuedAt: parts.issuedAt,
    expiresAt: parts.expiresAt,
    dcc: parts.dcc,
    signed: { protectedHeader: Buffer.from(parts.protectedHeader), payload: Buffer.from(parts.payload), signature: Buffer.from(parts.signature) },
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

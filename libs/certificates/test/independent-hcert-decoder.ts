/**
 * A second, independent reading of HC1 texts for the tests: Base45, CBOR and the COSE Sig_structure written
 * here from RFC 9285 and RFC 8949, sharing no code with the library's encoder (only node's zlib and ECDSA).
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { inflateSync } from 'node:zlib';

const base45Charset = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45DecodeRfc9285(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    const values = [...chunk].map((c) => {
      const v = base45Charset.indexOf(c);
      if (v < 0) throw new Error(`not base45: ${c}`);
      return v;
    });
    if (values.length === 3) {
      const n = values[0] + values[1] * 45 + values[2] * 2025;
      if (n > 0xffff) throw new Error('base45 triple out of range');
      out.push(n >> 8, n & 0xff);
    } else if (values.length === 2) {
      const n = values[0] + values[1] * 45;
      if (n > 0xff) throw new Error('base45 pair out of range');
      out.push(n);
    } else throw new Error('dangling base45 character');
  }
  return Buffer.from(out);
}

export type Cbor = number | bigint | string | boolean | null | undefined | Buffer | Cbor[] | CborMap | { tag: number; value: Cbor };
export type CborMap = Array<[Cbor, Cbor]>;

/** Minimal RFC 8949 decoder: definite lengths, major types 0–7 as the DCC uses them. Maps stay entry lists. */
export function cborDecode(bytes: Buffer): Cbor {
  let offset = 0;
  const readUint = (info: number): number => {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (!size) throw new Error(`unsupported additional info ${info}`);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + bytes[offset++];
    return value;
  };
  const item = (): Cbor => {
    const initial = bytes[offset++];
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return readUint(info);
      case 1:
        return -1 - readUint(info);
      case 2: {
        const length = readUint(info);
        const value = bytes.subarray(offset, offset + length);
        offset += length;
        return Buffer.from(value);
      }
      case 3: {
        const length = readUint(info);
        const value = bytes.subarray(offset, offset + length).toString('utf8');
        offset += length;
        return value;
      }
      case 4: {
        const length = readUint(info);
        return Array.from({ length }, () => item());
      }
      case 5: {
        const length = readUint(info);
        const entries: CborMap = [];
        for (let i = 0; i < length; i++) entries.push([item(), item()]);
        return entries as unknown as Cbor;
      }
      case 6:
        return { tag: readUint(info), value: item() };
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        throw new Error(`unsupported simple/float ${info}`);
    }
  };
  const value = item();
  if (offset !== bytes.length) throw new Error('trailing bytes after CBOR item');
  return value;
}

export const mapGet = (map: Cbor, key: Cbor): Cbor => (map as unknown as CborMap).find(([k]) => k === key)?.[1];

/** CBOR map (entry list) with text keys → JSON object, recursively. */
export function toJson(value: Cbor): unknown {
  if (Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) {
    return Object.fromEntries((value as CborMap).map(([k, v]) => [k as string, toJson(v)]));
  }
  if (Array.isArray(value)) return value.map(toJson);
  return value;
}

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
}

/** Sig_structure = ["Signature1", protected, h'', payload], encoded by hand. */
export function signatureStructure(protectedHeader: Buffer, payload: Buffer): Buffer {
  const context = Buffer.from('Signature1', 'utf8');
  return Buffer.concat([
    Buffer.from([0x84]),
    cborHead(3, context.length),
    context,
    cborHead(2, protectedHeader.length),
    protectedHeader,
    Buffer.from([0x40]),
    cborHead(2, payload.length),
    payload,
  ]);
}

export interface IndependentReading {
  tag: number;
  protectedHeader: Cbor;
  unprotectedHeader: Cbor;
  claims: Cbor;
  dcc: unknown;
  signatureVerifies: boolean;
  kidMatchesCertificate: boolean;
  signatureLength: number;
}

export function readHc1Independently(hc1: string, certificateDer: Buffer): IndependentReading {
  if (!hc1.startsWith('HC1:')) throw new Error('no HC1: prefix');
  const compressed = base45DecodeRfc9285(hc1.slice(4));
  const cose = cborDecode(inflateSync(compressed)) as { tag: number; value: Cbor[] };
  const [protectedBytes, unprotectedHeader, payload, signature] = cose.value as [Buffer, Cbor, Buffer, Buffer];
  const protectedHeader = cborDecode(protectedBytes);
  const claims = cborDecode(payload);
  const hcert = mapGet(claims, -260);
  const dcc = toJson(mapGet(hcert, 1));
  const certificate = new X509Certificate(certificateDer);
  const signatureVerifies = verify('sha256', signatureStructure(protectedBytes, payload), { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  const kid = mapGet(protectedHeader, 4) as Buffer;
  const expectedKid = createHash('sha256').update(certificateDer).digest().subarray(0, 8);
  return {
    tag: cose.tag,
    protectedHeader,
    unprotectedHeader,
    claims,
    dcc,
    signatureVerifies,
    kidMatchesCertificate: Buffer.isBuffer(kid) && kid.equals(expectedKid),
    signatureLength: signature.length,
  };
}

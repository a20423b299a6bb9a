/**
 * Reads what a verifier needs from a document signer certificate (X.509, DER): its public key (the
 * SubjectPublicKeyInfo, for WebCrypto), its validity window and its extended key usages. A short DER walk keeps
 * an X.509 library (and the decorator polyfill it needs) out of the browser bundle; the signature chain to the
 * country CA is not checked here, the trust list is what the verifier trusts.
 */

interface DerElement {
  tag: number;
  /** Offset of the first byte of the element (its tag). */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  end: number;
}

export class CertificateUnreadable extends Error {
  constructor(what: string) {
    super(`the signer certificate is unreadable: ${what}`);
    this.name = 'CertificateUnreadable';
  }
}

function element(bytes: Uint8Array, at: number, limit = bytes.length): DerElement {
  if (at + 2 > limit) throw new CertificateUnreadable('truncated');
  const tag = bytes[at];
  let length = bytes[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) throw new CertificateUnreadable('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new CertificateUnreadable('truncated');
  return { tag, start: at, contentStart, end };
}

function children(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const found: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = element(bytes, at, parent.end);
    found.push(child);
    at = child.end;
  }
  return found;
}

const tags = { sequence: 0x30, oid: 0x06, utcTime: 0x17, generalizedTime: 0x18, octetString: 0x04, extensions: 0xa3, version: 0xa0 };

function oidText(bytes: Uint8Array, oid: DerElement): string {
  if (oid.tag !== tags.oid) throw new CertificateUnreadable('expected an object identifier');
  const parts: number[] = [];
  let value = 0;
  for (let i = oid.contentStart; i < oid.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function timeOf(bytes: Uint8Array, time: DerElement): Date {
  const text = new TextDecoder().decode(bytes.subarray(time.contentStart, time.end));
  const match =
    time.tag === tags.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : time.tag === tags.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!match) throw new CertificateUnreadable('bad validity time');
  let year = Number(match[1]);
  // RFC 5280: a two-digit year of 50 or more is 19xx, below 50 is 20xx.
  if (time.tag === tags.utcTime) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}

export type SignerKeyType = 'ec-p256' | 'rsa' | 'other';

export interface SignerCertificate {
  /** The DER SubjectPublicKeyInfo, as WebCrypto's `importKey('spki', …)` takes it. */
  subjectPublicKeyInfo: Uint8Array;
  keyType: SignerKeyType;
  notBefore: Date;
  notAfter: Date;
  /** Extended key usage OIDs; empty when the certificate has none. */
  extendedKeyUsages: string[];
}

const oids = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  rsaEncryption: '1.2.840.113549.1.1.1',
  extendedKeyUsage: '2.5.29.37',
};

export function readSignerCertificate(der: Uint8Array): SignerCertificate {
  const certificate = element(der, 0);
  if (certificate.tag !== tags.sequence) throw new CertificateUnreadable('not a certificate');
  const [tbs] = children(der, certificate);
  if (!tbs || tbs.tag !== tags.sequence) throw new CertificateUnreadable('no tbsCertificate');
  const fields = children(der, tbs);
  // version [0] is optional (absent in v1 certificates): serial, signature, issuer, validity, subject, SPKI follow.
  const offset = fields[0]?.tag === tags.version ? 1 : 0;
  const validity = fields[offset + 3];
  const spki = fields[offset + 5];
  if (!validity || validity.tag !== tags.sequence || !spki || spki.tag !== tags.sequence) throw new CertificateUnreadable('missing fields');
  const [notBefore, notAfter] = children(der, validity);
  const [algorithm] = children(der, spki);
  const [algorithmOid, parameters] = children(der, algorithm);
  const keyOid = oidText(der, algorithmOid);
  const keyType: SignerKeyType =
    keyOid === oids.ecPublicKey && parameters?.tag === tags.oid && oidText(der, parameters) === oids.p256
      ? 'ec-p256'
      : keyOid === oids.rsaEncryption
        ? 'rsa'
        : 'other';

  const extendedKeyUsages: string[] = [];
  const extensions = fields.slice(offset + 6).find((field) => field.tag === tags.extensions);
  if (extensions) {
    const [list] = children(der, extensions);
    for (const extension of children(der, list)) {
      const parts = children(der, extension);
      if (oidText(der, parts[0]) !== oids.extendedKeyUsage) continue;
      const value = parts[parts.length - 1];
      if (value.tag !== tags.octetString) throw new CertificateUnreadable('bad extension');
      const usages = element(der, value.contentStart, value.end);
      for (const usage of children(der, usages)) extendedKeyUsages.push(oidText(der, usage));
    }
  }
  return {
    subjectPublicKeyInfo: der.slice(spki.start, spki.end),
    keyType,
    notBefore: timeOf(der, notBefore),
    notAfter: timeOf(der, notAfter),
    extendedKeyUsages,
  };
}

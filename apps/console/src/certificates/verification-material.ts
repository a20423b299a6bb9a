/**
 * What the offline verifier checks against: the trust list and the signed revocation list, fetched once from
 * the public endpoints and kept on the device (both are public: certificates and hashes, nothing personal). The
 * revocation list's signature (ES256 by the trust-list key it names) is checked when it arrives and again
 * every time a cached copy is read back, so a changed copy on the device is never trusted.
 */
import { base64ToBytes } from './base64';
import { readSignerCertificate } from './signer-certificate';

export interface TrustedSigner {
  /** base64 of the 8-byte key identifier. */
  kid: string;
  country: string;
  /** base64 DER. */
  certificate: string;
}

export interface SignedRevocationList {
  payload: { generatedAt: string; kid: string; hashAlgorithm: 'SHA-256'; hashes: string[] };
  /** ES256, raw r‖s, base64url, over the UTF-8 JSON of `payload`. */
  signature: string;
}

export interface VerificationMaterial {
  trustList: TrustedSigner[];
  revocationList: SignedRevocationList;
  /** When this device fetched them. */
  fetchedAt: string;
}

export type MaterialProblem = 'trust_list_invalid' | 'revocation_list_invalid' | 'revocation_signature_invalid';

export class MaterialRefused extends Error {
  constructor(readonly problem: MaterialProblem) {
    super(problem);
    this.name = 'MaterialRefused';
  }
}

/** Reads a JSON document of the public API (the screen passes the console's client, tests the real app). */
export type PublicJsonReader = (path: string) => Promise<unknown>;

const storageKey = 'vaxledger.verifier.material';

/** The part of the browser's localStorage the cache uses. */
export interface MaterialStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The two public calls; after this the verifier needs no server. */
export async function fetchVerificationMaterial(read: PublicJsonReader, now: Date = new Date()): Promise<VerificationMaterial> {
  const trustList = trustListOf(await read('/certificates/trust-list'));
  const revocationList = revocationListOf(await read('/certificates/revocations'));
  const material = { trustList, revocationList, fetchedAt: now.toISOString() };
  await checkRevocationSignature(material);
  return material;
}

export function saveMaterial(material: VerificationMaterial, storage: MaterialStorage): void {
  try {
    storage.setItem(storageKey, JSON.stringify(material));
  } catch {
    // Storage refused (private browsing, quota): the copy lasts until the page closes.
  }
}

/** The cached copy, or null when there is none or it no longer checks out. */
export async function loadMaterial(storage: MaterialStorage): Promise<VerificationMaterial | null> {
  let text: string | null;
  try {
    text = storage.getItem(storageKey);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<VerificationMaterial>;
    const material = {
      trustList: trustListOf({ keys: parsed.trustList }),
      revocationList: revocationListOf(parsed.revocationList),
      fetchedAt: typeof parsed.fetchedAt === 'string' ? parsed.fetchedAt : '',
    };
    await checkRevocationSignature(material);
    return material;
  } catch {
    storage.removeItem(storageKey);
    return null;
  }
}

function trustListOf(body: unknown): TrustedSigner[] {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new MaterialRefused('trust_list_invalid');
  return keys.map((key) => {
    const { kid, country, certificate } = (key ?? {}) as Record<string, unknown>;
    if (typeof kid !== 'string' || typeof country !== 'string' || typeof certificate !== 'string') {
      throw new MaterialRefused('trust_list_invalid');
    }
    return { kid, country, certificate };
  });
}

function revocationListOf(body: unknown): SignedRevocationList {
  const { payload, signature } = (body ?? {}) as Record<string, unknown>;
  const p = (payload ?? {}) as Record<string, unknown>;
  if (
    typeof signature !== 'string' ||
    typeof p.generatedAt !== 'string' ||
    typeof p.kid !== 'string' ||
    p.hashAlgorithm !== 'SHA-256' ||
    !Array.isArray(p.hashes) ||
    !p.hashes.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))
  ) {
    throw new MaterialRefused('revocation_list_invalid');
  }
  // Rebuilt field by field in the server's order: the signature covers JSON.stringify of exactly this object.
  return {
    payload: { generatedAt: p.generatedAt, kid: p.kid, hashAlgorithm: 'SHA-256', hashes: p.hashes as string[] },
    signature,
  };
}

async function checkRevocationSignature(material: VerificationMaterial): Promise<void> {
  const { payload, signature } = material.revocationList;
  const signer = material.trustList.find((entry) => entry.kid === payload.kid);
  if (!signer) throw new MaterialRefused('revocation_signature_invalid');
  let verifies = false;
  try {
    const certificate = readSignerCertificate(base64ToBytes(signer.certificate));
    if (certificate.keyType === 'ec-p256') {
      const key = await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      verifies = await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        base64ToBytes(signature),
        new TextEncoder().encode(JSON.stringify(payload)),
      );
    }
  } catch {
    verifies = false;
  }
  if (!verifies) throw new MaterialRefused('revocation_signature_invalid');
}

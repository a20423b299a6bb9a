/**
 * Where the document signer comes from. Distributed: `DCC_SIGNING_KEY` and `DCC_SIGNING_CERTIFICATE` (PEM,
 * from a secret). Standalone: `<data dir>/keys/dcc-signing.key.pem` and `dcc-signing.crt.pem`, created by
 * `npm run cli -- certificates create-signer`, or on first start when absent (as the other standalone keys),
 * so a fresh `npm start` can issue. The keys folder is outside the repository and mode 0700.
 *
 * Rotation: new certificates are signed by the current signer only, but those signed before stay verifiable
 * while the certificate of the signer that signed them is valid. The previous signers' certificates (never their
 * keys) stay on the trust list: distributed, `DCC_PREVIOUS_SIGNING_CERTIFICATES` (PEM certificates, one after
 * another); standalone, `<data dir>/keys/dcc-previous/`, where `create-signer --force` moves the replaced
 * certificate (its key is deleted).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { keyIdentifier, type DocumentSigner } from './domain/hcert';
import { createDocumentSigner, loadDocumentSigner } from './signer/document-signer-certificate';

export const DCC_SIGNING_KEY_ENV = 'DCC_SIGNING_KEY';
export const DCC_SIGNING_CERTIFICATE_ENV = 'DCC_SIGNING_CERTIFICATE';
export const DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV = 'DCC_PREVIOUS_SIGNING_CERTIFICATES';
export const signerOrganisation = 'Ministry of Health of Viet Nam';

/** A document signer verifiers trust: its certificate, kid and validity. */
export interface TrustedSignerCertificate {
  kid: string;
  country: string;
  certificateDer: Buffer;
  validTo: Date;
}

/** The signer that signs now: a trusted certificate and its private key. */
export interface LoadedSigner extends DocumentSigner, TrustedSignerCertificate {}

export interface LoadedSigners {
  current: LoadedSigner;
  /** Replaced signers whose certificates stay on the trust list until they expire. */
  previous: TrustedSignerCertificate[];
}

export function signerFiles(dataDir: string) {
  const keys = join(dataDir, 'keys');
  return {
    dir: keys,
    key: join(keys, 'dcc-signing.key.pem'),
    certificate: join(keys, 'dcc-signing.crt.pem'),
    csca: join(keys, 'dcc-csca.crt.pem'),
    previous: join(keys, 'dcc-previous'),
  };
}

/**
 * Writes a new signer into the standalone keys folder; refuses to replace one unless `force` (rotation is
 * explicit). A replaced signer's certificate moves to `dcc-previous/` and its key is deleted.
 */
export async function createSignerFiles(dataDir: string, options: { now: Date; validDays: number; force?: boolean }): Promise<LoadedSigner> {
  const files = signerFiles(dataDir);
  if (!options.force && existsSync(files.key)) throw new Error(`a document signer already exists in ${files.dir} (use --force to replace it)`);
  if (existsSync(files.certificate)) {
    const replaced = trustedCertificate(readFileSync(files.certificate, 'utf8'));
    mkdirSync(files.previous, { recursive: true, mode: 0o700 });
    renameSync(files.certificate, join(files.previous, `${kidFileName(replaced.kid)}.crt.pem`));
    rmSync(files.key, { force: true });
  }
  const created = await createDocumentSigner({ country: 'VN', organisation: signerOrganisation, now: options.now, validDays: options.validDays });
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.key, created.signerKeyPem, { mode: 0o600 });
  writeFileSync(files.certificate, created.signerCertificatePem, { mode: 0o644 });
  writeFileSync(files.csca, created.cscaCertificatePem, { mode: 0o644 });
  return toLoaded(created.signerKeyPem, created.signerCertificatePem);
}

export async function loadSigners(settings: Record<string, string | undefined>, dataDir: string | undefined, now: Date): Promise<LoadedSigners> {
  const current = await loadCurrentSigner(settings, dataDir, now);
  const previousPems = settings[DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV]?.trim()
    ? pemCertificates(settings[DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV]!)
    : dataDir && existsSync(signerFiles(dataDir).previous)
      ? readdirSync(signerFiles(dataDir).previous)
          .filter((name) => name.endsWith('.crt.pem'))
          .sort()
          .map((name) => readFileSync(join(signerFiles(dataDir).previous, name), 'utf8'))
      : [];
  const previous = previousPems.map(trustedCertificate).filter((signer) => signer.kid !== current.kid);
  return { current, previous };
}

async function loadCurrentSigner(settings: Record<string, string | undefined>, dataDir: string | undefined, now: Date): Promise<LoadedSigner> {
  const keyPem = settings[DCC_SIGNING_KEY_ENV]?.trim();
  const certificatePem = settings[DCC_SIGNING_CERTIFICATE_ENV]?.trim();
  if (keyPem && certificatePem) return toLoaded(keyPem, certificatePem);
  if (keyPem || certificatePem) throw new Error(`${DCC_SIGNING_KEY_ENV} and ${DCC_SIGNING_CERTIFICATE_ENV} must be set together`);
  if (!dataDir) throw new Error(`${DCC_SIGNING_KEY_ENV} and ${DCC_SIGNING_CERTIFICATE_ENV} are required (npm run cli -- certificates create-signer --print)`);
  const files = signerFiles(dataDir);
  if (!existsSync(files.key)) return createSignerFiles(dataDir, { now, validDays: 730 });
  return toLoaded(readFileSync(files.key, 'utf8'), readFileSync(files.certificate, 'utf8'));
}

function toLoaded(keyPem: string, certificatePem: string): LoadedSigner {
  const signer = loadDocumentSigner(keyPem, certificatePem);
  return { privateKey: signer.privateKey, ...trusted(signer.certificate) };
}

function trustedCertificate(certificatePem: string): TrustedSignerCertificate {
  return trusted(new X509Certificate(certificatePem.replace(/\\n/g, '\n')));
}

function trusted(certificate: X509Certificate): TrustedSignerCertificate {
  const certificateDer = Buffer.from(certificate.raw);
  return { certificateDer, kid: keyIdentifier(certificateDer).toString('base64'), country: 'VN', validTo: new Date(certificate.validTo) };
}

/** The PEM certificates of a text holding several (an environment variable may carry `\n` for line breaks). */
function pemCertificates(text: string): string[] {
  const normalised = text.replace(/\\n/g, '\n');
  const found = normalised.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (found.length === 0) throw new Error(`${DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV} holds no PEM certificate`);
  return found;
}

/** base64 kids contain `/` and `+`; file names use base64url. */
const kidFileName = (kid: string) => Buffer.from(kid, 'base64').toString('base64url');

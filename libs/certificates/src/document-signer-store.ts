/**
 * Where the document signer comes from. Distributed: `DCC_SIGNING_KEY` and `DCC_SIGNING_CERTIFICATE` (PEM,
 * from a secret). Standalone: `<data dir>/keys/dcc-signing.key.pem` and `dcc-signing.crt.pem`, created by
 * `npm run cli -- certificates create-signer`, or on first start when absent (as the other standalone keys),
 * so a fresh `npm start` can issue. The keys folder is outside the repository and mode 0700.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdentifier, type DocumentSigner } from './domain/hcert';
import { createDocumentSigner, loadDocumentSigner } from './signer/document-signer-certificate';

export const DCC_SIGNING_KEY_ENV = 'DCC_SIGNING_KEY';
export const DCC_SIGNING_CERTIFICATE_ENV = 'DCC_SIGNING_CERTIFICATE';
export const signerOrganisation = 'Ministry of Health of Viet Nam';

export interface LoadedSigner extends DocumentSigner {
  kid: string;
  country: string;
  validTo: Date;
}

export function signerFiles(dataDir: string) {
  const keys = join(dataDir, 'keys');
  return { dir: keys, key: join(keys, 'dcc-signing.key.pem'), certificate: join(keys, 'dcc-signing.crt.pem'), csca: join(keys, 'dcc-csca.crt.pem') };
}

/** Writes a new signer into the standalone keys folder; refuses to overwrite one (rotation is explicit). */
export async function createSignerFiles(dataDir: string, options: { now: Date; validDays: number; force?: boolean }): Promise<LoadedSigner> {
  const files = signerFiles(dataDir);
  if (!options.force && existsSync(files.key)) throw new Error(`a document signer already exists in ${files.dir} (use --force to replace it)`);
  const created = await createDocumentSigner({ country: 'VN', organisation: signerOrganisation, now: options.now, validDays: options.validDays });
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.key, created.signerKeyPem, { mode: 0o600 });
  writeFileSync(files.certificate, created.signerCertificatePem, { mode: 0o644 });
  writeFileSync(files.csca, created.cscaCertificatePem, { mode: 0o644 });
  return toLoaded(created.signerKeyPem, created.signerCertificatePem);
}

export async function loadSigner(settings: Record<string, string | undefined>, dataDir: string | undefined, now: Date): Promise<LoadedSigner> {
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
  return {
    privateKey: signer.privateKey,
    certificateDer: signer.certificateDer,
    kid: keyIdentifier(signer.certificateDer).toString('base64'),
    country: 'VN',
    validTo: new Date(signer.certificate.validTo),
  };
}

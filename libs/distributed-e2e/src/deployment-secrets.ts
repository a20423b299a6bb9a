/** Fresh keys for one run of the distributed deployment, made the way an operator would make them. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createDocumentSigner, signerOrganisation } from '@vaxledger/certificates';

export interface DeploymentSecrets {
  /** identity signs access and step-up tokens with it (PKCS#8 PEM). */
  jwtPrivateKey: string;
  /** every service verifies tokens with it (SPKI PEM). */
  jwtPublicKey: string;
  /** audit signs its trail checkpoints with it (PKCS#8 PEM). */
  auditSigningKey: string;
  /** HMAC key for lookup hashes and pseudonyms (32 random bytes, base64). */
  lookupKey: string;
  /** immunization signs EU DCC certificates with it (`DCC_SIGNING_KEY`, PEM), as `certificates create-signer --print` makes it. */
  dccSigningKey: string;
  /** The document signer's certificate (`DCC_SIGNING_CERTIFICATE`, PEM). */
  dccSigningCertificate: string;
}

export async function generateDeploymentSecrets(): Promise<DeploymentSecrets> {
  const tokens = generateKeyPairSync('ed25519');
  const audit = generateKeyPairSync('ed25519');
  // Valid from a minute ago: the test's clock and the services' are the same machine's.
  const signer = await createDocumentSigner({ country: 'VN', organisation: signerOrganisation, now: new Date(Date.now() - 60_000), validDays: 30 });
  return {
    jwtPrivateKey: tokens.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwtPublicKey: tokens.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    auditSigningKey: audit.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    lookupKey: randomBytes(32).toString('base64'),
    dccSigningKey: signer.signerKeyPem,
    dccSigningCertificate: signer.signerCertificatePem,
  };
}

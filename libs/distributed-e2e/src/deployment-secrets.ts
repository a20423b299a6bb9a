/** Fresh keys for one run of the distributed deployment, made the way an operator would make them. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export interface DeploymentSecrets {
  /** identity signs access and step-up tokens with it (PKCS#8 PEM). */
  jwtPrivateKey: string;
  /** every service verifies tokens with it (SPKI PEM). */
  jwtPublicKey: string;
  /** audit signs its trail checkpoints with it (PKCS#8 PEM). */
  auditSigningKey: string;
  /** HMAC key for lookup hashes and pseudonyms (32 random bytes, base64). */
  lookupKey: string;
}

export function generateDeploymentSecrets(): DeploymentSecrets {
  const tokens = generateKeyPairSync('ed25519');
  const audit = generateKeyPairSync('ed25519');
  return {
    jwtPrivateKey: tokens.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwtPublicKey: tokens.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    auditSigningKey: audit.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    lookupKey: randomBytes(32).toString('base64'),
  };
}

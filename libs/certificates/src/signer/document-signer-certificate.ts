/**
 * Creates the deployment's document signer: a country signing CA (CSCA, self-signed) and a document signer
 * certificate (DSC) it signs, both EC P-256 / ES256, with the DCC extended key usage for vaccination. Run once
 * per deployment by `npm run cli -- certificates create-signer`; the private keys never enter the repository.
 */
import { createPrivateKey, webcrypto, type KeyObject, X509Certificate } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type KeyPair = webcrypto.CryptoKeyPair;

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** DCC trust framework extended key usage: may sign vaccination certificates. */
export const vaccinationKeyUsageOid = '1.3.6.1.4.1.1847.2021.1.2';

export interface CreatedDocumentSigner {
  /** PKCS#8 PEM of the DSC's private key. */
  signerKeyPem: string;
  /** PEM of the DSC. */
  signerCertificatePem: string;
  /** PEM of the CSCA that signed it (its private key is not kept: a new DSC means a new CSCA here). */
  cscaCertificatePem: string;
}

export async function createDocumentSigner(options: { country: string; organisation: string; now: Date; validDays: number }): Promise<CreatedDocumentSigner> {
  const cscaKeys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as KeyPair;
  const dscKeys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as KeyPair;
  const notBefore = options.now;
  const notAfter = new Date(options.now.getTime() + options.validDays * 86_400_000);
  const cscaName = `C=${options.country}, O=${options.organisation}, CN=${options.organisation} CSCA`;
  const csca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: cscaName,
    notBefore,
    notAfter: new Date(notAfter.getTime() + 365 * 86_400_000),
    keys: cscaKeys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(cscaKeys.publicKey),
    ],
  });
  const dsc = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `C=${options.country}, O=${options.organisation}, CN=${options.organisation} DSC`,
    issuer: csca.subject,
    notBefore,
    notAfter,
    signingKey: cscaKeys.privateKey,
    publicKey: dscKeys.publicKey,
    signingAlgorithm,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([vaccinationKeyUsageOid]),
      await x509.AuthorityKeyIdentifierExtension.create(csca),
      await x509.SubjectKeyIdentifierExtension.create(dscKeys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', dscKeys.privateKey));
  return {
    signerKeyPem: pemOf('PRIVATE KEY', pkcs8),
    signerCertificatePem: dsc.toString('pem'),
    cscaCertificatePem: csca.toString('pem'),
  };
}

/** Loads and checks a signer: the key must be P-256 and match the certificate's public key. */
export function loadDocumentSigner(keyPem: string, certificatePem: string): { privateKey: KeyObject; certificateDer: Buffer; certificate: X509Certificate } {
  const privateKey = createPrivateKey(keyPem.replace(/\\n/g, '\n'));
  const certificate = new X509Certificate(certificatePem.replace(/\\n/g, '\n'));
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the document signer key must be an EC P-256 key (ES256)');
  }
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('the document signer key does not match its certificate');
  return { privateKey, certificateDer: Buffer.from(certificate.raw), certificate };
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function pemOf(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * `certificates create-signer`: creates the deployment's EU DCC document signer — an EC P-256 (ES256) key,
 * its X.509 document signer certificate (DSC, extended key usage "vaccination") and the country signing CA
 * that signed it. Standalone: written to `<data dir>/keys/` (mode 0600, outside the repository), refusing to
 * replace an existing signer without `--force`. Distributed (`--print`): printed as the two environment
 * variables to store in the deployment's secret; nothing is written.
 */
import { resolve } from 'node:path';
import { createDocumentSigner, createSignerFiles, DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV, DCC_SIGNING_CERTIFICATE_ENV, DCC_SIGNING_KEY_ENV, keyIdentifier, loadDocumentSigner, signerFiles, signerOrganisation } from '@vaxledger/certificates';
import { type CliCommand, exitCodes } from '../cli-command';

const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');

export const certificatesCreateSignerCommand: CliCommand = {
  words: ['certificates', 'create-signer'],
  summary: 'Creates the EU DCC document signer (ES256 key + X.509 DSC) of this deployment and prints its kid.',
  usage: '[--data-dir DIR] [--valid-days N] [--force] | --print',
  options: {
    'data-dir': { type: 'string' },
    'valid-days': { type: 'string' },
    force: { type: 'boolean' },
    print: { type: 'boolean' },
  },
  async run(context) {
    const validDays = Number(context.options['valid-days'] ?? 730);
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > 3650) {
      context.stderr.write('--valid-days must be a whole number of days between 1 and 3650\n');
      return exitCodes.usage;
    }
    const now = new Date();
    if (context.options.print) {
      const created = await createDocumentSigner({ country: 'VN', organisation: signerOrganisation, now, validDays });
      const signer = loadDocumentSigner(created.signerKeyPem, created.signerCertificatePem);
      context.stdout.write(`# kid ${keyIdentifier(signer.certificateDer).toString('base64')} — store both lines in the immunization service's secret\n`);
      context.stdout.write(`# when this replaces a signer, add the replaced certificate to ${DCC_PREVIOUS_SIGNING_CERTIFICATES_ENV} (docs/certificates.md, "Rotation")\n`);
      context.stdout.write(`${DCC_SIGNING_KEY_ENV}=${oneLine(created.signerKeyPem)}\n`);
      context.stdout.write(`${DCC_SIGNING_CERTIFICATE_ENV}=${oneLine(created.signerCertificatePem)}\n`);
      return exitCodes.ok;
    }
    const dataDir = resolve(String(context.options['data-dir'] ?? context.env.VAXLEDGER_DATA_DIR ?? './data'));
    try {
      const signer = await createSignerFiles(dataDir, { now, validDays, force: context.options.force === true });
      context.stdout.write(`document signer created in ${signerFiles(dataDir).dir}\nkid ${signer.kid}\nvalid until ${signer.validTo.toISOString()}\n`);
      if (context.options.force) {
        context.stdout.write(`the replaced signer's certificate stays on the trust list (${signerFiles(dataDir).previous}) until it expires; its key was deleted\nrestart the server to sign with the new key\n`);
      }
      return exitCodes.ok;
    } catch (error) {
      context.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return exitCodes.failed;
    }
  },
};

import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { keyIdentifier, loadDocumentSigner } from '@vaxledger/certificates';
import { runCli } from '../cli-command';
import { cliCommands } from '.';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { commands: cliCommands, env, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, stdin: Readable.from([]) });
  return { code, stdout, stderr };
}

describe('npm run cli -- certificates create-signer', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-cli-dsc-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes an ES256 key and its X.509 DSC (vaccination key usage, signed by a CSCA) into the keys folder, and prints the kid', async () => {
    const result = await cli(['certificates', 'create-signer', '--data-dir', dataDir, '--valid-days', '365']);
    expect(result.code).toBe(0);
    const keyPath = join(dataDir, 'keys', 'dcc-signing.key.pem');
    expect(statSync(keyPath).mode & 0o077).toBe(0);
    const signer = loadDocumentSigner(readFileSync(keyPath, 'utf8'), readFileSync(join(dataDir, 'keys', 'dcc-signing.crt.pem'), 'utf8'));
    expect(result.stdout).toContain(`kid ${keyIdentifier(signer.certificateDer).toString('base64')}`);
    expect(signer.certificate.keyUsage).toEqual(['1.3.6.1.4.1.1847.2021.1.2']);
    const csca = new X509Certificate(readFileSync(join(dataDir, 'keys', 'dcc-csca.crt.pem')));
    expect(signer.certificate.verify(csca.publicKey)).toBe(true);
    expect(signer.certificate.issuer).toBe(csca.subject);
    expect(signer.certificate.subject).toContain('C=VN');
  });

  it('refuses to replace an existing signer without --force, and prints secrets for a distributed deployment with --print', async () => {
    expect((await cli(['certificates', 'create-signer', '--data-dir', dataDir])).code).toBe(0);
    const again = await cli(['certificates', 'create-signer', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const printed = await cli(['certificates', 'create-signer', '--print']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^DCC_SIGNING_KEY=-----BEGIN PRIVATE KEY-----\\n/m);
    expect(printed.stdout).toMatch(/^DCC_SIGNING_CERTIFICATE=-----BEGIN CERTIFICATE-----\\n/m);
    expect((await cli(['certificates', 'create-signer', '--valid-days', 'soon'])).code).toBe(2);
  });
});

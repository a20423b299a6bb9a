import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { totpCodeAt } from '@vaxledger/identity';
import { StandaloneTestApp } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { cliCommands } from '.';

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    commands: cliCommands,
    env,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([]),
  });
  return { code, stdout, stderr };
}

const password = 'Sông Hồng chảy qua Hà Nội 1010';

describe('npm run cli -- bootstrap-admin', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vaxledger-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the national administrator once and refuses a second one with a non-zero exit', async () => {
    const env = { VAXLEDGER_DATA_DIR: dataDir, IDENTITY_TOTP_ISSUER: 'vaxledger' };
    const first = await cli(['bootstrap-admin', '--username', 'quantri', '--password', password], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/otpauth:\/\/totp\/vaxledger:quantri\?secret=[A-Z2-7]{32}/);
    const second = await cli(['bootstrap-admin', '--username', 'quantri2', '--password', password], env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/already exists/);
  });

  it('refuses a weak password and a missing option with a clear message', async () => {
    const weak = await cli(['bootstrap-admin', '--username', 'quantri', '--password', 'password1234'], { VAXLEDGER_DATA_DIR: dataDir });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/common or breached/);
    const missing = await cli(['bootstrap-admin', '--username', 'quantri'], { VAXLEDGER_DATA_DIR: dataDir });
    expect(missing.code).toBe(2);
  });

  it('works while the standalone server runs on the same data directory, which then signs the admin in', async () => {
    const app = await StandaloneTestApp.start({ dataDir });
    try {
      const created = await cli(['bootstrap-admin', '--username', 'quantri', '--password', password], { VAXLEDGER_DATA_DIR: dataDir });
      expect(created.code).toBe(0);
      const secret = new URL(created.stdout.match(/otpauth:\/\/\S+/)![0]).searchParams.get('secret')!;
      const login = await app.request('POST', '/api/v1/auth/login', { body: { username: 'quantri', password } });
      expect(login.status).toBe(200);
      const verified = await app.request('POST', '/api/v1/auth/otp/verify', { body: { challengeId: login.body.challengeId, code: totpCodeAt(secret, new Date()) } });
      expect(verified.status).toBe(200);
      expect(verified.body.accessToken).toBeTruthy();
    } finally {
      await app.close({ keepData: true });
    }
  });

  it('lists every command under help and refuses an unknown one', async () => {
    const help = await cli(['help'], {});
    expect(help.stdout).toContain('bootstrap-admin --username U');
    const unknown = await cli(['frobnicate'], {});
    expect(unknown.code).toBe(2);
  });
});

/**
 * The HTTP contract as a client generator or fuzzer reads it: schemathesis (from PyPI, in a virtualenv that
 * scripts/test-tools.sh provides) drives every operation of /api/docs-json on the real standalone app, on a
 * real port, as a national admin and as facility staff, and fails on a server error, an undocumented status,
 * a response that does not match its schema, or a documented request schema looser than what the server takes.
 *
 * Opt-in for now (VAXLEDGER_CONFORMANCE=1): the OpenAPI document is still written by hand beside the zod schemas,
 * and this run is what shows how far the two have drifted until the document is generated from zod.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandaloneTestApp } from '@vaxledger/testing';

const schemathesisPath = join(
  process.env.VAXLEDGER_ENGINE_CACHE ?? join(homedir(), '.cache', 'vaxledger'),
  'schemathesis-4.32.5',
  'bin',
  'schemathesis',
);
const logFolder = join(__dirname, '..', '..', '..', '.engines');
const enabled = process.env.VAXLEDGER_CONFORMANCE === '1';
const secondsPerRole = Number(process.env.VAXLEDGER_CONFORMANCE_SECONDS ?? 90);

// Ending the caller's own session would revoke the token the rest of the run uses.
const selfRevoking = ['^/api/v1/auth/logout$', '^/api/v1/auth/sessions/'];

/** The app answers in this very process, so the tool must run without blocking the event loop. */
function runTool(command: string, args: string[], timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const suite = enabled && existsSync(schemathesisPath) ? describe : describe.skip;
if (!enabled) process.stderr.write('\n*** OpenAPI conformance (schemathesis): SKIPPED, opt-in with VAXLEDGER_CONFORMANCE=1 ***\n');

suite('the OpenAPI document against the real standalone app (schemathesis)', () => {
  jest.setTimeout((secondsPerRole * 2 + 180) * 1000);
  let testApp: StandaloneTestApp;
  let baseUrl: string;
  const reports = mkdtempSync(join(tmpdir(), 'vaxledger-conformance-'));

  beforeAll(async () => {
    testApp = await StandaloneTestApp.start();
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const address = testApp.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await testApp?.close();
    rmSync(reports, { recursive: true, force: true });
  });

  const roles = [
    { name: 'national admin', principal: { role: 'national_admin' as const } },
    {
      name: 'facility staff',
      principal: { role: 'staff' as const, rights: ['data_entry', 'dose_history_update', 'subject_management'] as never, provinceCode: '01', facilityId: 'conformance-facility' },
    },
  ];

  it.each(roles)('finds no server error, undocumented status or schema drift as $name', async ({ name, principal }) => {
    const token = await testApp.tokenFor(principal);
    const report = join(reports, name.replace(/\W+/g, '-'));
    const run = await runTool(
      schemathesisPath,
      [
        'run',
        `${baseUrl}/api/docs-json`,
        '--url',
        baseUrl,
        '--checks',
        'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,positive_data_acceptance',
        '--header',
        `Authorization: Bearer ${token}`,
        '--max-time',
        String(secondsPerRole),
        '--workers',
        '2',
        '--exclude-path-regex',
        selfRevoking.join('|'),
        '--report',
        'ndjson',
        '--report-dir',
        report,
        '--no-color',
      ],
      (secondsPerRole + 120) * 1000,
    );
    // The whole output goes to a file beside the engines' logs; the assertion names the failing operations.
    const output = `${run.stdout}\n${run.stderr}`;
    mkdirSync(logFolder, { recursive: true });
    const logFile = join(logFolder, `conformance-${name.replace(/\W+/g, '-')}.log`);
    writeFileSync(logFile, output);
    const failing = [...new Set([...output.matchAll(/^_+ (GET|POST|PATCH|PUT|DELETE) (\S+) _+$/gm)].map((m) => `${m[1]} ${m[2]}`))];
    const verdict = output.split('\n').filter((line) => /^=+ .* =+$/.test(line));
    expect({ exitCode: run.status, verdict, failing, logFile }).toEqual({ exitCode: 0, verdict: expect.anything(), failing: [], logFile });
  });
});

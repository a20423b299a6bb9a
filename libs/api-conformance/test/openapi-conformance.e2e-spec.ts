/**
 * The HTTP contract as a client generator or fuzzer reads it: schemathesis (from PyPI, in a virtualenv that
 * scripts/test-tools.sh provides) drives every operation of /api/docs-json on the real standalone app, on a
 * real port, as a national admin and as facility staff, and fails on a server error, an undocumented status,
 * a response that does not match its schema, or a documented request schema looser than what the server takes.
 *
 * Part of `npm test`: scripts/test-tools.sh installs the tool (pip, from PyPI); in CI a missing tool fails the
 * run, elsewhere the suite says loudly that it was skipped. Bounded in time: VAXLEDGER_CONFORMANCE_SECONDS per
 * role (default 60).
 *
 * A documented request the server refuses for a reason of state rather than shape (403 outside one's scope, 404
 * an unknown id, 409/410/422/423 a rule of the domain, 429 a throttle) is not a looser schema: the config file
 * tells `positive_data_acceptance` so. A 400 for a request the schema allows still fails the run.
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
const secondsPerRole = Number(process.env.VAXLEDGER_CONFORMANCE_SECONDS ?? 60);
// Narrows a run to some paths while working on them (a regex); the full run covers every operation.
const onlyPaths = process.env.VAXLEDGER_CONFORMANCE_PATHS;
const installed = existsSync(schemathesisPath);
if (!installed && process.env.CI === 'true') {
  throw new Error(`schemathesis is not installed at ${schemathesisPath}: scripts/test-tools.sh installs it (see .engines/schemathesis-install.log)`);
}
if (!installed) {
  process.stderr.write(`\n*** OpenAPI conformance (schemathesis): SKIPPED: not installed at ${schemathesisPath} (scripts/test-tools.sh installs it) ***\n`);
}

/** Statuses a valid request may get for a reason of state; see the header. */
const stateRefusals = ['2xx', '3xx', '401', '403', '404', '409', '410', '422', '423', '429'];
/** How an invalid request may be refused: any 4xx the document lists, a too-large body or path among them. */
const rejections = ['400', '401', '403', '404', '406', '409', '413', '414', '415', '422', '423', '428', '429'];
const quoted = (statuses: string[]) => statuses.map((status) => `"${status}"`).join(', ');

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

const suite = installed ? describe : describe.skip;

suite('the OpenAPI document against the real standalone app (schemathesis)', () => {
  jest.setTimeout((secondsPerRole * 2 + 180) * 1000);
  let testApp: StandaloneTestApp;
  let baseUrl: string;
  const reports = mkdtempSync(join(tmpdir(), 'vaxledger-conformance-'));

  const configFile = join(reports, 'schemathesis.toml');

  beforeAll(async () => {
    writeFileSync(
      configFile,
      [
        '[checks.positive_data_acceptance]',
        `expected-statuses = [${quoted(stateRefusals)}]`,
        '[checks.negative_data_rejection]',
        `expected-statuses = [${quoted(rejections)}]`,
        '',
      ].join('\n'),
    );
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
        '--config-file',
        configFile,
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
        // One worker: with two, the tool's Python sometimes fails inside its own regex compilation.
        '--workers',
        '1',
        '--exclude-path-regex',
        selfRevoking.join('|'),
        ...(onlyPaths ? ['--include-path-regex', onlyPaths] : []),
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

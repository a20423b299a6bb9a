/**
 * The OpenAPI document is generated from the zod schemas at start-up. This suite keeps the two files built from
 * it true: `docs/api/openapi.json` (what clients read without starting anything) and the console's types,
 * `apps/console/src/api/openapi.generated.ts` (openapi-typescript), so a changed answer breaks the console build.
 * and `docs/api/README.md`, the route reference a reader skims (method, path, who may call it, every answer and
 * its error codes). `npm run openapi` rewrites all three; a stale copy fails here with that command in the message.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StandaloneTestApp } from '@vaxledger/testing';

const root = join(__dirname, '..', '..', '..');
const documentFile = join(root, 'docs', 'api', 'openapi.json');
const typesFile = join(root, 'apps', 'console', 'src', 'api', 'openapi.generated.ts');
const referenceFile = join(root, 'docs', 'api', 'README.md');
const writing = process.env.VAXLEDGER_WRITE_OPENAPI === '1';

type Answer = {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string; properties?: { error?: { enum?: string[] } } } }>;
};
type Operation = {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, Answer>;
};

/** The token an operation takes, by its security requirement: a staff bearer token, a citizen's, or none. */
const tokenOf = (operation: Operation) =>
  (operation.security ?? []).some((requirement) => 'bearer' in requirement)
    ? 'bearer'
    : (operation.security ?? []).some((requirement) => 'citizen' in requirement)
      ? 'citizen'
      : 'public';

/**
 * What every operation of the document must have, so a client generator or a fuzzer meets nothing undocumented:
 * its security stated (`[]` when public), 401 where a token is checked, request and success bodies as named
 * schemas (components generated from the zod schemas, not inline objects), error codes on every 4xx, a summary.
 */
function structuralProblems(operation: Operation): string[] {
  const problems: string[] = [];
  if (operation.security === undefined) problems.push('no security requirement');
  if (tokenOf(operation) !== 'public' && !operation.responses['401']) problems.push('takes a token but documents no 401');
  if (operation.requestBody) {
    const schema = Object.values(operation.requestBody.content ?? {})[0]?.schema;
    if (!schema?.$ref) problems.push('request body is not a named schema');
  }
  const successes = Object.entries(operation.responses).filter(([status]) => Number(status) < 400);
  if (successes.length === 0) problems.push('no success answer');
  for (const [status, answer] of successes) {
    if (status === '204' || (Number(status) >= 300 && Number(status) < 400)) continue;
    if (!Object.values(answer.content ?? {})[0]?.schema?.$ref) problems.push(`${status} answer is not a named schema`);
  }
  for (const [status, answer] of Object.entries(operation.responses)) {
    if (Number(status) >= 400 && !answer.content?.['application/json']?.schema?.properties?.error?.enum?.length)
      problems.push(`${status} lists no error codes`);
  }
  if (!operation.summary) problems.push('no summary');
  return problems;
}

/** Operations still described by hand-written OpenAPI objects; each leaves this list when it is generated from zod. */
const stillHandWritten = new Set<string>([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/otp/verify',
  'POST /api/v1/auth/refresh',
  'GET /api/v1/auth/sessions',
  'POST /api/v1/auth/step-up',
  'POST /api/v1/auth/step-up/verify',
  'POST /api/v1/auth/activate',
  'POST /api/v1/auth/totp/confirm',
  'GET /api/v1/auth/login-history',
  'POST /api/v1/facilities',
  'GET /api/v1/facilities',
  'POST /api/v1/account-requests',
  'GET /api/v1/account-requests',
  'POST /api/v1/account-requests/csv',
  'GET /api/v1/account-requests/{id}',
  'POST /api/v1/account-requests/{id}/approve',
  'POST /api/v1/account-requests/{id}/reject',
  'POST /api/v1/provinces/{provinceCode}/admins',
  'POST /api/v1/facilities/{facilityId}/admins',
  'POST /api/v1/accounts',
  'GET /api/v1/accounts',
  'GET /api/v1/accounts/{id}',
  'POST /api/v1/accounts/{id}/suspend',
  'POST /api/v1/accounts/{id}/reinstate',
  'POST /api/v1/accounts/{id}/unlock',
  'POST /api/v1/accounts/{id}/review',
  'POST /api/v1/accounts/{id}/password-reset',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/subjects/{id}/certificates',
  'GET /api/v1/subjects/{id}/certificates',
  'GET /api/v1/subjects/{id}/certificates/{certificateId}.pdf',
  'GET /api/v1/subjects/{id}/certificates/{certificateId}/ddcc',
  'GET /api/v1/certificates/trust-list',
  'POST /api/v1/certificates/verify',
  'GET /api/v1/certificates/revocations',
  'POST /api/v1/lots/{lotNumber}/revoke',
  'POST /api/v1/citizen/lookup',
  'POST /api/v1/citizen/verify',
  'GET /api/v1/citizen/record',
]);

function operationsOf(document: unknown): Array<[string, Operation]> {
  return Object.entries((document as { paths: Record<string, Record<string, Operation>> }).paths).flatMap(
    ([path, item]) => Object.entries(item).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

/** The route reference in Markdown, one table per tag, from the document alone. */
function routeReference(document: { paths: Record<string, Record<string, Operation>> }): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const answers = Object.entries(operation.responses)
        .map(([status, answer]) => {
          const codes = answer.content?.['application/json']?.schema?.properties?.error?.enum;
          return codes?.length ? `${status} ${codes.map((code) => `\`${code}\``).join(', ')}` : status;
        })
        .join('; ');
      const row = `| \`${method.toUpperCase()} ${path}\` | ${(operation.summary ?? '').replace(/\|/g, '\\|')} | ${tokenOf(operation)} | ${answers} |`;
      const tag = operation.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag.entries()].map(
    ([tag, rows]) => `## ${tag}\n\n| operation | what it does | token | answers |\n|---|---|---|---|\n${rows.join('\n')}\n`,
  );
  return [
    '# HTTP routes',
    '',
    'Generated by `npm run openapi` from the OpenAPI document (`docs/api/openapi.json`, served at `GET /api/docs-json`),',
    'which is itself generated from the zod schemas the server validates with. Do not edit; every error answer is',
    '`{ error, message, details? }` with one of the codes listed. Who may call each route: README, "Who may do what".',
    '',
    ...sections,
  ].join('\n');
}

describe('the OpenAPI document generated from the zod schemas', () => {
  let document: unknown;
  let text: string;

  beforeAll(async () => {
    const app = await StandaloneTestApp.start();
    try {
      const response = await app.request('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      document = response.body;
      text = `${JSON.stringify(document, null, 2)}\n`;
    } finally {
      await app.close();
    }
    if (writing) writeFileSync(documentFile, text);
  });

  it('is the document committed in docs/api/openapi.json (npm run openapi rewrites it)', () => {
    expect(readFileSync(documentFile, 'utf8') === text ? 'current' : 'stale: run npm run openapi').toBe('current');
  });

  it('gives docs/api/README.md its route reference', () => {
    const reference = routeReference(document as { paths: Record<string, Record<string, Operation>> });
    if (writing) writeFileSync(referenceFile, reference);
    expect(readFileSync(referenceFile, 'utf8') === reference ? 'current' : 'stale: run npm run openapi').toBe('current');
  });

  it('states, for every operation, its security, its 401, named request and answer schemas, error codes on every 4xx and a summary', () => {
    const problems = operationsOf(document)
      .filter(([name]) => !stillHandWritten.has(name))
      .flatMap(([name, operation]) => structuralProblems(operation).map((problem) => `${name}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('keeps the list of hand-written operations exact: one generated from zod leaves it', () => {
    const operations = new Map(operationsOf(document));
    const converted = [...stillHandWritten].filter((name) => operations.has(name) && structuralProblems(operations.get(name)!).length === 0);
    const gone = [...stillHandWritten].filter((name) => !operations.has(name));
    expect({ converted, gone }).toEqual({ converted: [], gone: [] });
  });

  it('gives the console its types: apps/console/src/api/openapi.generated.ts is what openapi-typescript makes of it', () => {
    const generated = spawnSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), [documentFile], {
      encoding: 'utf8',
    });
    expect(generated.status).toBe(0);
    const types = `/* eslint-disable */\n// Generated by \`npm run openapi\` from docs/api/openapi.json; do not edit.\n${generated.stdout}`;
    if (writing) writeFileSync(typesFile, types);
    expect(readFileSync(typesFile, 'utf8') === types ? 'current' : 'stale: run npm run openapi').toBe('current');
  });
});

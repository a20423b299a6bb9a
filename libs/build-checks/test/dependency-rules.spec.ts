/**
 * The dependency rules docs/architecture.md promises are enforced by lint (eslint.config.mjs), which .ci/run
 * runs: each rule is shown refusing a violation here, so a rule that silently stopped matching fails the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Lints one would-be file the way `npm run lint` does (eslint's CLI, which loads the ESM config itself). */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      filePath,
    ],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
    },
  );
  if (run.status === 2 || !run.stdout) throw new Error(`eslint could not run: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rules', () => {
  it('refuse Nest, drivers and the auth barrel in a domain folder', async () => {
    for (const module of [
      '@nestjs/common',
      'kafkajs',
      'ioredis',
      'mongoose',
      'better-sqlite3',
      '@eventstore/db-client',
      '@vaxledger/auth',
    ]) {
      const messages = await restrictedImports(
        'libs/registry/src/domain/probe.ts',
        `import * as m from '${module}';\nexport const x = m;\n`,
      );
      expect(messages).toHaveLength(1);
    }
  });

  it('refuse a library importing an app', async () => {
    const messages = await restrictedImports(
      'libs/runtime/src/probe.ts',
      `import * as m from '../../../apps/cli/src/main';\nexport const x = m;\n`,
    );
    expect(messages).toEqual([expect.stringContaining('never imports an app')]);
  });

  it("refuse a service importing another service's internals, and let it use that service's barrel", async () => {
    expect(
      await restrictedImports(
        'libs/audit/src/probe.ts',
        `import * as m from '@vaxledger/identity';\nexport const x = m;\n`,
      ),
    ).toEqual([]);
    for (const module of ['@vaxledger/identity/identity-settings', '../../identity/src/identity-settings']) {
      const messages = await restrictedImports(
        'libs/registry/src/probe.ts',
        `import * as m from '${module}';\nexport const x = m;\n`,
      );
      expect(messages).toEqual([expect.stringContaining("does not import the identity service's internals")]);
    }
  });

  it('let a service import the shared libraries', async () => {
    const messages = await restrictedImports(
      'libs/registry/src/probe.ts',
      `import * as k from '@vaxledger/kernel';\nimport * as c from '@vaxledger/contracts';\nimport * as a from '@vaxledger/auth';\nexport const x = [k, c, a];\n`,
    );
    expect(messages).toEqual([]);
  });
});

describe('nest-cli.json', () => {
  it('lists every Nest app and every library of the monorepo', () => {
    const projects = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')).projects as Record<
      string,
      { type: string; root: string }
    >;
    const listed = new Set(Object.values(projects).map((p) => p.root));
    const onDisk = ['apps', 'libs'].flatMap((folder) =>
      readdirSync(join(root, folder), { withFileTypes: true })
        // The console is a Vite app, built by Vite, not by Nest.
        .filter(
          (entry) =>
            entry.isDirectory() &&
            existsSync(join(root, folder, entry.name, 'src')) &&
            entry.name !== 'console',
        )
        .map((entry) => `${folder}/${entry.name}`),
    );
    expect(onDisk.filter((path) => !listed.has(path))).toEqual([]);
  });
});

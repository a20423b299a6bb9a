/**
 * The topic map's typing is a promise docs/architecture.md makes: `publish`/`subscribe` refuse an unknown topic
 * or a wrong payload at compile time. tsc compiles typing/topic-map.typing.ts, whose `@ts-expect-error` lines
 * each fail the compile if the typing that refuses them is removed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function compile(files: string[]): { status: number | null; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'vx-typing-'));
  try {
    const project = join(folder, 'tsconfig.json');
    writeFileSync(
      project,
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: { noEmit: true, incremental: false, baseUrl: root, rootDir: root, typeRoots: [join(root, 'node_modules', '@types')], types: ['node'] },
        files,
        include: [],
      }),
    );
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
      cwd: root,
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the typed topic map', () => {
  it('compiles what it accepts and refuses every unknown topic and wrong payload it marks', () => {
    const { status, output } = compile([join(__dirname, 'typing', 'topic-map.typing.ts')]);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});

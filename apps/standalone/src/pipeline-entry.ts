import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the pipeline process's entry module is, and how to start it: the compiled `pipeline-main.js` beside
 * this file, or (when this runs from TypeScript sources, in tests) `pipeline-main.ts` with a require hook that
 * transpiles on load.
 */
export function pipelineEntry(): { entry: string; execArgv: string[] } {
  const compiled = join(__dirname, 'pipeline-main.js');
  if (__filename.endsWith('.js') && existsSync(compiled)) return { entry: compiled, execArgv: [] };
  return {
    entry: join(__dirname, 'pipeline-main.ts'),
    execArgv: ['--require', join(__dirname, '..', '..', '..', 'libs', 'testing', 'src', 'typescript-require-hook.js')],
  };
}

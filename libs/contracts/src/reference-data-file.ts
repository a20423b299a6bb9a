/** Finds a file of `reference-data/` from wherever the code runs: the sources (ts-jest) or `dist/`. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Walks up from `startDir` until a directory holding `package.json` and `reference-data/<name>` is found;
 * `override` (an environment variable's value) wins. The error names the variable that points elsewhere.
 */
export function locateReferenceDataFile(
  name: string,
  options: { override?: string; variable: string; startDir?: string },
): string {
  if (options.override) return resolve(options.override);
  const start = resolve(options.startDir ?? __dirname);
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'reference-data', name);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`reference-data/${name} not found above ${start}; set ${options.variable} to its path`);
  }
}

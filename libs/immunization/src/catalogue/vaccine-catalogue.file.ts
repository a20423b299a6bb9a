/** Finds and reads the versioned vaccine catalogue file `reference-data/vaccines.json`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseVaccineCatalogue, type VaccineCatalogue } from '../domain/vaccine-catalogue';

/** Points at another catalogue file (tests, a newer release shipped beside the build). */
export const VACCINES_FILE_ENV = 'VAXLEDGER_VACCINES_FILE';

const DATA_FILE_IN_REPO = join('reference-data', 'vaccines.json');

/**
 * Walks up from this file to the directory holding `package.json` and the data file, so the same code works
 * from `libs/immunization/src` (ts-jest) and from `dist/libs/immunization/src`.
 */
export function locateVaccineCatalogueFile(override?: string, startDir: string = __dirname): string {
  if (override) return resolve(override);
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, DATA_FILE_IN_REPO);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`vaccine catalogue not found above ${startDir}; set ${VACCINES_FILE_ENV} to its path`);
    dir = parent;
  }
}

export function loadVaccineCatalogue(override?: string): VaccineCatalogue {
  const file = locateVaccineCatalogueFile(override);
  try {
    return parseVaccineCatalogue(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`cannot load the vaccine catalogue from ${file}: ${(error as Error).message}`);
  }
}

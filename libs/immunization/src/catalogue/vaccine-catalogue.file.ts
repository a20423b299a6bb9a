/** Finds and reads the versioned vaccine catalogue file `reference-data/vaccines.json`. */
import { readFileSync } from 'node:fs';
import { locateReferenceDataFile } from '@vaxledger/contracts';
import { parseVaccineCatalogue, type VaccineCatalogue } from '../domain/vaccine-catalogue';

/** Points at another catalogue file (tests, a newer release shipped beside the build). */
export const VACCINES_FILE_ENV = 'VAXLEDGER_VACCINES_FILE';

export function locateVaccineCatalogueFile(override?: string, startDir: string = __dirname): string {
  return locateReferenceDataFile('vaccines.json', { override, variable: VACCINES_FILE_ENV, startDir });
}

export function loadVaccineCatalogue(override?: string): VaccineCatalogue {
  const file = locateVaccineCatalogueFile(override);
  try {
    return parseVaccineCatalogue(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`cannot load the vaccine catalogue from ${file}: ${(error as Error).message}`);
  }
}

/** Finds and reads the population denominators `reference-data/population-2021.json` (GSO 2021, see its `source`). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { locateVaccineCatalogueFile } from './vaccine-catalogue.file';

export const POPULATION_FILE_ENV = 'VAXLEDGER_POPULATION_FILE';

export interface ProvincePopulation {
  provinceCode: string;
  name: string;
  averagePopulation2021: number;
  basis: string;
  ageBands: { under12: number; '12-17': number; '18+': number };
}

export interface PopulationReference {
  version: string;
  year: number;
  source: Record<string, unknown>;
  provinces: ProvincePopulation[];
}

export function loadPopulationReference(override?: string): PopulationReference {
  const file = override ?? join(dirname(locateVaccineCatalogueFile()), 'population-2021.json');
  let parsed: PopulationReference;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as PopulationReference;
  } catch (error) {
    throw new Error(`cannot load the population denominators from ${file}: ${(error as Error).message}`);
  }
  if (
    !Array.isArray(parsed.provinces) ||
    parsed.provinces.some(
      (p) =>
        !/^\d{2}$/.test(p.provinceCode) ||
        !Number.isInteger(p.ageBands?.['18+']) ||
        !Number.isInteger(p.ageBands?.['12-17']),
    )
  ) {
    throw new Error(
      `population denominators in ${file}: every province needs a two-digit code and integer 18+ and 12-17 bands`,
    );
  }
  return parsed;
}

/**
 * The vaccine catalogue: products, their primary series, boosters and allowed ages. Loaded once from the
 * versioned `reference-data/vaccines.json`; the schedule rules read it as plain data.
 */
import { parseAgeBound } from './calendar';

export type VaccineProgram = 'covid19' | 'epi';
export type AdministrationRoute = 'IM' | 'ID' | 'SC' | 'PO';

export interface AgeRange {
  /** Inclusive lower bound written `<n>d|w|m|y`, e.g. `18y`, `6w`. */
  from: string;
  /** Exclusive upper bound (`66y` means up to and including age 65), or null for none. */
  until: string | null;
}

export interface DoseInterval {
  /** A dose given sooner than this many days after the previous one is refused. */
  minDays: number;
  /** Advice shown to sites; not enforced. */
  recommendedDays: { min: number; max: number };
}

export interface VaccineProduct {
  code: string;
  name: string;
  manufacturer: string;
  program: VaccineProgram;
  /**
   * Products of one group count as one series (Vietnam's 2021 campaign mixed AstraZeneca and Pfizer doses),
   * so dose numbers and intervals run across the group, not per product.
   */
  seriesGroup: string;
  /** CDC CVX code where one exists. */
  cvx: string | null;
  route: AdministrationRoute;
  primarySeries: { doses: number; intervals: DoseInterval[]; components?: string[] };
  booster: { doses: number; minIntervalDays: number; ageRange: AgeRange } | null;
  ageRange: AgeRange;
  notes?: string;
}

export interface VaccineCatalogue {
  version: string;
  publishedOn: string;
  products: readonly VaccineProduct[];
}

export class CatalogueFormatError extends Error {
  constructor(problem: string) {
    super(`vaccine catalogue: ${problem}`);
    this.name = 'CatalogueFormatError';
  }
}

/** Checks the file's shape and internal consistency; a broken catalogue stops start-up. */
export function parseVaccineCatalogue(json: unknown): VaccineCatalogue {
  const value = json as Record<string, unknown> | null;
  if (!value || typeof value.version !== 'string' || !Array.isArray(value.products)) {
    throw new CatalogueFormatError('expected { version, publishedOn, products: [...] }');
  }
  const seen = new Set<string>();
  const products = value.products.map((raw, index) => {
    const product = parseProduct(raw, index);
    if (seen.has(product.code)) throw new CatalogueFormatError(`product code ${product.code} appears twice`);
    seen.add(product.code);
    return Object.freeze(product);
  });
  return Object.freeze({
    version: value.version,
    publishedOn: typeof value.publishedOn === 'string' ? value.publishedOn : '',
    products: Object.freeze(products),
  });
}

function parseProduct(raw: unknown, index: number): VaccineProduct {
  const p = raw as Record<string, any> | null;
  const where = `products[${index}]`;
  if (!p || typeof p !== 'object') throw new CatalogueFormatError(`${where} is not an object`);
  for (const field of ['code', 'name', 'manufacturer', 'seriesGroup', 'route'] as const) {
    if (typeof p[field] !== 'string' || p[field].length === 0) throw new CatalogueFormatError(`${where}.${field} must be a string`);
  }
  if (p.program !== 'covid19' && p.program !== 'epi') throw new CatalogueFormatError(`${where}.program must be covid19 or epi`);
  const series = p.primarySeries;
  if (!series || !Number.isInteger(series.doses) || series.doses < 1 || !Array.isArray(series.intervals)) {
    throw new CatalogueFormatError(`${where}.primarySeries needs doses ≥ 1 and intervals`);
  }
  if (series.intervals.length !== series.doses - 1) {
    throw new CatalogueFormatError(`${where}.primarySeries needs one interval per dose after the first`);
  }
  const intervals: DoseInterval[] = series.intervals.map((i: any, k: number) => {
    if (!Number.isInteger(i?.minDays) || i.minDays < 0) throw new CatalogueFormatError(`${where}.intervals[${k}].minDays`);
    const recommended = i.recommendedDays ?? { min: i.minDays, max: i.minDays };
    return { minDays: i.minDays, recommendedDays: { min: Number(recommended.min), max: Number(recommended.max) } };
  });
  const booster = p.booster
    ? {
        doses: positiveInteger(p.booster.doses, `${where}.booster.doses`),
        minIntervalDays: positiveInteger(p.booster.minIntervalDays, `${where}.booster.minIntervalDays`),
        ageRange: parseAgeRange(p.booster.ageRange ?? p.ageRange, `${where}.booster.ageRange`),
      }
    : null;
  return {
    code: p.code,
    name: p.name,
    manufacturer: p.manufacturer,
    program: p.program,
    seriesGroup: p.seriesGroup,
    cvx: typeof p.cvx === 'string' ? p.cvx : null,
    route: p.route,
    primarySeries: {
      doses: series.doses,
      intervals,
      ...(Array.isArray(series.components) ? { components: series.components.map(String) } : {}),
    },
    booster,
    ageRange: parseAgeRange(p.ageRange, `${where}.ageRange`),
    ...(typeof p.notes === 'string' ? { notes: p.notes } : {}),
  };
}

function parseAgeRange(raw: any, where: string): AgeRange {
  if (!raw || typeof raw.from !== 'string') throw new CatalogueFormatError(`${where}.from must be like "18y"`);
  try {
    parseAgeBound(raw.from);
    if (raw.until != null) parseAgeBound(raw.until);
    return { from: raw.from, until: raw.until == null ? null : String(raw.until) };
  } catch (error) {
    throw new CatalogueFormatError(`${where}: ${(error as Error).message}`);
  }
}

function positiveInteger(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new CatalogueFormatError(`${where} must be a positive integer`);
  return value as number;
}

export function findVaccine(catalogue: VaccineCatalogue, code: string): VaccineProduct | undefined {
  return catalogue.products.find((p) => p.code === code);
}

/** Every dose a product allows: primary series plus boosters. */
export function maxDoses(product: VaccineProduct): number {
  return product.primarySeries.doses + (product.booster?.doses ?? 0);
}

/**
 * Vietnam's administrative units (GSO codes) read from `reference-data/administrative-units.json`.
 *
 * The file lists all 63 provinces (2021) but districts only for a few of them. A province that
 * lists no districts therefore accepts any 3-digit district code: `isKnownDistrict` cannot tell
 * a wrong district from one the file simply does not carry, and refusing it would block real sites.
 */
import { readFileSync } from 'node:fs';

export interface District {
  readonly code: string;
  readonly name: string;
}

export interface Province {
  readonly code: string;
  readonly name: string;
  readonly districts: readonly District[];
}

export interface AdministrativeUnits {
  readonly version: string;
  readonly provinces: readonly Province[];
}

/** Environment variable that points at another administrative-units file (tests, newer data). */
import { locateReferenceDataFile } from './reference-data-file';

export const ADMIN_UNITS_FILE_ENV = 'VAXLEDGER_ADMIN_UNITS_FILE';

const DISTRICT_CODE = /^\d{3}$/;

export function locateAdministrativeUnitsFile(startDir: string = __dirname): string {
  return locateReferenceDataFile('administrative-units.json', {
    override: process.env[ADMIN_UNITS_FILE_ENV],
    variable: ADMIN_UNITS_FILE_ENV,
    startDir,
  });
}

export function parseAdministrativeUnits(json: unknown): AdministrativeUnits {
  const value = json as Partial<AdministrativeUnits> | null;
  if (!value || typeof value.version !== 'string' || !Array.isArray(value.provinces)) {
    throw new Error('administrative units file must be { version, provinces: [...] }');
  }
  const provinces = value.provinces.map((p) => {
    if (!p || typeof p.code !== 'string' || typeof p.name !== 'string') {
      throw new Error('every province needs a string code and name');
    }
    const districts = (p.districts ?? []).map((d: Partial<District> | null) => {
      if (!d || typeof d.code !== 'string' || typeof d.name !== 'string') {
        throw new Error(`province ${p.code}: every district needs a string code and name`);
      }
      return Object.freeze({ code: d.code, name: d.name });
    });
    return Object.freeze({ code: p.code, name: p.name, districts: Object.freeze(districts) });
  });
  return Object.freeze({ version: value.version, provinces: Object.freeze(provinces) });
}

let loaded: { units: AdministrativeUnits; byCode: Map<string, Province> } | undefined;

function units(): { units: AdministrativeUnits; byCode: Map<string, Province> } {
  if (!loaded) {
    const parsed = parseAdministrativeUnits(
      JSON.parse(readFileSync(locateAdministrativeUnitsFile(), 'utf8')),
    );
    loaded = { units: parsed, byCode: new Map(parsed.provinces.map((p) => [p.code, p])) };
  }
  return loaded;
}

/** Forgets the cached file so the next call reads it again (after changing the env override). */
export function reloadAdministrativeUnits(): void {
  loaded = undefined;
}

export function administrativeUnitsVersion(): string {
  return units().units.version;
}

export function listProvinces(): readonly Province[] {
  return units().units.provinces;
}

export function provinceByCode(code: string): Province | undefined {
  return units().byCode.get(code);
}

export function isKnownProvince(code: string): boolean {
  return units().byCode.has(code);
}

/**
 * True when the district belongs to the province. For provinces whose districts the file does not
 * list, any well-formed 3-digit code is accepted (the file is partial by design).
 */
export function isKnownDistrict(provinceCode: string, districtCode: string): boolean {
  const province = provinceByCode(provinceCode);
  if (!province) return false;
  if (province.districts.length === 0) return DISTRICT_CODE.test(districtCode);
  return province.districts.some((d) => d.code === districtCode);
}

/** Provinces and districts (the same file the server validates codes against), for pickers and display names. */
import units from '../../../../reference-data/administrative-units.json';

export interface District {
  code: string;
  name: string;
}

export interface Province {
  code: string;
  name: string;
  districts?: District[];
}

export const provinces: Province[] = (units as { provinces: Province[] }).provinces;

const byCode = new Map(provinces.map((province) => [province.code, province]));

export function provinceName(code: string | null | undefined): string {
  if (!code) return '—';
  return byCode.get(code)?.name ?? code;
}

export function districtsOf(provinceCode: string): District[] {
  return byCode.get(provinceCode)?.districts ?? [];
}

export function districtName(
  provinceCode: string | null | undefined,
  districtCode: string | null | undefined,
): string {
  if (!districtCode) return '';
  const district = provinceCode ? districtsOf(provinceCode).find((d) => d.code === districtCode) : undefined;
  return district?.name ?? districtCode;
}

/** One row of a legacy subjects CSV (columns documented in docs/import.md) as the profile input of a registration. */
import type { ProfileInput } from '../domain/subject-profile';

export const importColumns = [
  'full_name',
  'date_of_birth',
  'gender',
  'id_type',
  'id_number',
  'phone',
  'province_code',
  'district_code',
  'ward_code',
  'address_line',
  'priority_group',
  'health_insurance_number',
  'facility',
] as const;

export type ImportRow = Partial<Record<(typeof importColumns)[number], string>> & Record<string, string | undefined>;

/** Legacy systems wrote gender in Vietnamese; both spellings are accepted. */
const genderAliases: Record<string, string> = {
  nam: 'male',
  'nữ': 'female',
  nu: 'female',
  'khác': 'other',
  khac: 'other',
  m: 'male',
  f: 'female',
};

const dayFirstDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `DD/MM/YYYY` (how legacy exports wrote dates) becomes `YYYY-MM-DD`; anything else is left for validation. */
export function legacyDate(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  const match = trimmed ? dayFirstDate.exec(trimmed) : null;
  if (!match) return trimmed;
  return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value);

export function profileInputOf(row: ImportRow): ProfileInput {
  const gender = row.gender?.trim().normalize('NFC').toLowerCase();
  return {
    fullName: row.full_name,
    dateOfBirth: legacyDate(row.date_of_birth),
    gender: gender ? (genderAliases[gender] ?? gender) : undefined,
    idDocument: { type: row.id_type, number: row.id_number },
    phone: row.phone,
    address: {
      provinceCode: row.province_code?.trim().padStart(2, '0'),
      districtCode: blankToNull(row.district_code)?.trim().padStart(3, '0') ?? null,
      wardCode: blankToNull(row.ward_code)?.trim().padStart(5, '0') ?? null,
      line: row.address_line,
    },
    priorityGroup: blankToNull(row.priority_group),
    healthInsuranceNumber: blankToNull(row.health_insurance_number),
  };
}

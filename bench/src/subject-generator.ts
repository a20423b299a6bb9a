/**
 * Seeded generator of realistic Vietnamese subjects for benchmarks: weighted family names, gendered middle
 * and given names with diacritics, unique valid-format CCCD numbers, mobile phones, provinces weighted by
 * population, dates of birth following the age pyramid. The same seed gives the same subjects, in order.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { listProvinces } from '@vaxledger/contracts';
import { SeededRandom, WeightedTable } from './seeded-random';
import {
  ageBandShares,
  familyNameShares,
  femaleGivenNames,
  femaleMiddleNames,
  maleGivenNames,
  maleMiddleNames,
  mobilePrefixes,
  otherFamilyNames,
  provincePopulationThousands,
  ruralPlaceWords,
  secondMiddleNames,
  streetNames,
} from './vietnamese-population';

export type GeneratedGender = 'male' | 'female' | 'other';

/** The body of `POST /api/v1/subjects`, as a clerk would type it. */
export interface GeneratedSubject {
  fullName: string;
  dateOfBirth: string;
  gender: GeneratedGender;
  idDocument: { type: 'CCCD'; number: string };
  /** Vietnamese national format, 10 digits (`0912345678`). */
  phone: string;
  address: { provinceCode: string; districtCode: string | null; wardCode: string | null; line: string };
  priorityGroup: string | null;
}

export interface SubjectGeneratorOptions {
  seed: number;
  /** Ages are counted back from this day, so the data set does not drift with the calendar. Default 2021-12-01. */
  referenceDate?: string;
  /** Only subjects at least this old (e.g. 18 for adult-only vaccines). */
  minAgeYears?: number;
}

interface ProvinceChoice {
  code: string;
  districtCodes: readonly string[];
  urban: boolean;
}

const urbanProvinceCodes = new Set(['01', '79', '48', '31', '92']);
const dayMs = 86_400_000;
/** Multiplier of the bijection that scrambles the per-prefix serial into CCCD digits (coprime with 10^6). */
const serialScramble = 479_001;

export class SubjectGenerator {
  private readonly random: SeededRandom;
  private readonly referenceMs: number;
  private readonly provinces: WeightedTable<ProvinceChoice>;
  private readonly familyNames: WeightedTable<string>;
  private readonly maleMiddle: WeightedTable<string>;
  private readonly femaleMiddle: WeightedTable<string>;
  private readonly ageBands: WeightedTable<readonly [number, number]>;
  /**
   * Next serial and scramble offset of each CCCD prefix (province + century/gender + year), keyed by the prefix
   * as a number: what keeps numbers unique.
   */
  private readonly serialByPrefix = new Map<number, { next: number; offset: number }>();
  private produced = 0;

  constructor(options: SubjectGeneratorOptions) {
    this.random = new SeededRandom(options.seed);
    this.referenceMs = Date.parse(`${options.referenceDate ?? '2021-12-01'}T00:00:00Z`);
    if (!Number.isFinite(this.referenceMs)) throw new Error(`bad reference date ${options.referenceDate}`);
    this.provinces = new WeightedTable(
      provinceChoices().map((p) => [p, provincePopulationThousands[p.code] ?? 500] as const),
    );
    this.familyNames = new WeightedTable([
      ...familyNameShares,
      // The long tail shares what the listed names leave, evenly.
      ...otherFamilyNames.map((name) => [name, remainingFamilyShare() / otherFamilyNames.length] as const),
    ]);
    this.maleMiddle = new WeightedTable(maleMiddleNames);
    this.femaleMiddle = new WeightedTable(femaleMiddleNames);
    const minAge = options.minAgeYears ?? 0;
    const bands = ageBandShares
      .filter(([[, until]]) => until > minAge)
      .map(([[from, until], share]) => [[Math.max(from, minAge), until] as const, share] as const);
    this.ageBands = new WeightedTable(bands);
  }

  /** How many subjects this generator has produced. */
  get count(): number {
    return this.produced;
  }

  next(): GeneratedSubject {
    const r = this.random;
    const roll = r.next();
    const gender: GeneratedGender = roll < 0.4975 ? 'male' : roll < 0.9995 ? 'female' : 'other';
    const nameGender = gender === 'other' ? (r.chance(0.5) ? 'male' : 'female') : gender;
    const province = this.provinces.pick(r);
    const dateOfBirth = this.dateOfBirth();
    const birthYear = Number(dateOfBirth.slice(0, 4));
    this.produced++;
    return {
      fullName: this.fullName(nameGender),
      dateOfBirth,
      gender,
      idDocument: { type: 'CCCD', number: this.cccdNumber(province.code, nameGender, birthYear) },
      phone: r.pick(mobilePrefixes) + r.digits(7),
      address: {
        provinceCode: province.code,
        districtCode: province.districtCodes.length > 0 ? r.pick(province.districtCodes) : null,
        wardCode: null,
        line: this.addressLine(province.urban),
      },
      priorityGroup: null,
    };
  }

  *take(count: number): Generator<GeneratedSubject> {
    for (let i = 0; i < count; i++) yield this.next();
  }

  private fullName(gender: 'male' | 'female'): string {
    const r = this.random;
    const family = this.familyNames.pick(r);
    const middle = gender === 'male' ? this.maleMiddle.pick(r) : this.femaleMiddle.pick(r);
    const second = r.chance(gender === 'female' ? 0.3 : 0.1) ? ` ${r.pick(secondMiddleNames)}` : '';
    const given = r.pick(gender === 'male' ? maleGivenNames : femaleGivenNames);
    // The tables are NFC already (checked by the bench's spec), so no normalisation per name.
    return `${family} ${middle}${second} ${given}`;
  }

  private dateOfBirth(): string {
    const [from, until] = this.ageBands.pick(this.random);
    const ageDays = Math.floor((from + this.random.next() * (until - from)) * 365.25);
    return isoDateOfEpochDay(Math.floor(this.referenceMs / dayMs) - ageDays);
  }

  /**
   * CCCD layout (Circular 59/2021/TT-BCA): 3-digit province of birth registration, 1 digit for century and
   * gender (0/1 male/female born 1900s, 2/3 born 2000s), 2 digits of birth year, 6 digits of serial.
   */
  private cccdNumber(provinceCode: string, gender: 'male' | 'female', birthYear: number): string {
    const centuryGender = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
    const prefixKey = Number(provinceCode) * 1000 + centuryGender * 100 + (birthYear % 100);
    let serials = this.serialByPrefix.get(prefixKey);
    if (!serials) {
      serials = { next: 0, offset: this.random.int(0, 999_999) };
      this.serialByPrefix.set(prefixKey, serials);
    }
    const prefix = `0${provinceCode}${centuryGender}${birthYear % 100 < 10 ? '0' : ''}${birthYear % 100}`;
    const serial = serials.next++;
    if (serial >= 1_000_000) throw new Error(`CCCD serials exhausted for prefix ${prefix}`);
    // A bijection on [0, 10^6): unique per prefix, yet not visibly sequential.
    const scrambled = (serial * serialScramble + serials.offset) % 1_000_000;
    return prefix + String(scrambled).padStart(6, '0');
  }

  private addressLine(urban: boolean): string {
    const r = this.random;
    if (urban || r.chance(0.35)) {
      const street = r.pick(streetNames);
      return r.chance(0.4)
        ? `Số ${r.int(1, 120)} ngõ ${r.int(1, 300)} ${street}`
        : `Số ${r.int(1, 450)} đường ${street}`;
    }
    return `${r.pick(ruralPlaceWords)} ${r.int(1, 18)}`;
  }
}

/** Days since 1970-01-01 to `YYYY-MM-DD` (proleptic Gregorian; H. Hinnant's civil_from_days), without a Date. */
export function isoDateOfEpochDay(epochDay: number): string {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function remainingFamilyShare(): number {
  const listed = familyNameShares.reduce((sum, [, share]) => sum + share, 0);
  return Math.max(1, 100 - listed);
}

/** The 63 provinces from the administrative-units file; the population table's codes if the file is missing. */
function provinceChoices(): ProvinceChoice[] {
  try {
    return listProvinces().map((p) => ({
      code: p.code,
      districtCodes: p.districts.map((d) => d.code),
      urban: urbanProvinceCodes.has(p.code),
    }));
  } catch {
    return Object.keys(provincePopulationThousands).map((code) => ({
      code,
      districtCodes: [],
      urban: urbanProvinceCodes.has(code),
    }));
  }
}

/** Columns of the legacy-import CSV, in order, with how each is read from a subject. */
export interface CsvColumn {
  header: string;
  value: (subject: GeneratedSubject) => string | null;
}

export const legacyImportColumns: readonly CsvColumn[] = [
  { header: 'full_name', value: (s) => s.fullName },
  { header: 'date_of_birth', value: (s) => s.dateOfBirth },
  { header: 'gender', value: (s) => s.gender },
  { header: 'id_type', value: (s) => s.idDocument.type },
  { header: 'id_number', value: (s) => s.idDocument.number },
  { header: 'phone', value: (s) => s.phone },
  { header: 'province_code', value: (s) => s.address.provinceCode },
  { header: 'district_code', value: (s) => s.address.districtCode },
  { header: 'ward_code', value: (s) => s.address.wardCode },
  { header: 'address_line', value: (s) => s.address.line },
  { header: 'priority_group', value: (s) => s.priorityGroup },
];

/** RFC 4180 quoting, only where needed (a comma, quote or line break in the value). */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(
  subject: GeneratedSubject,
  columns: readonly CsvColumn[] = legacyImportColumns,
): string {
  return columns.map((c) => csvField(c.value(subject))).join(',');
}

/**
 * Writes `count` subjects as a legacy-import CSV (UTF-8, header line, `\n` line ends), respecting back
 * pressure. `onSubject` sees every subject written, e.g. to keep a sample for later searches.
 */
export async function writeSubjectsCsv(
  path: string,
  generator: SubjectGenerator,
  count: number,
  options: {
    columns?: readonly CsvColumn[];
    onSubject?: (subject: GeneratedSubject, index: number) => void;
  } = {},
): Promise<{ rows: number; bytes: number }> {
  const columns = options.columns ?? legacyImportColumns;
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(columns.map((c) => c.header).join(',') + '\n');
  let buffer = '';
  for (let i = 0; i < count; i++) {
    const subject = generator.next();
    options.onSubject?.(subject, i);
    buffer += csvRow(subject, columns) + '\n';
    if (buffer.length > 256_000) {
      await write(buffer);
      buffer = '';
    }
  }
  if (buffer) await write(buffer);
  out.end();
  await once(out, 'finish');
  return { rows: count, bytes };
}

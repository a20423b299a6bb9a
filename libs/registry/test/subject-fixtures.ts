/** Realistic, unique subject data for the registry's suites. */
import { randomInt } from 'node:crypto';

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const middleNames = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu'];
const givenNames = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Sơn', 'Tâm', 'Trang'];

const pick = <T>(list: readonly T[]) => list[randomInt(list.length)];
const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

export const uniqueCccd = () => `0${digits(11)}`;
export const uniquePhone = () => `091${digits(7)}`;

export function subjectBody(overrides: Record<string, unknown> = {}) {
  return {
    fullName: `${pick(familyNames)} ${pick(middleNames)} ${pick(givenNames)} ${pick(givenNames)}`,
    dateOfBirth: `19${String(50 + randomInt(50))}-0${1 + randomInt(9)}-1${randomInt(10)}`,
    gender: pick(['male', 'female'] as const),
    idDocument: { type: 'CCCD', number: uniqueCccd() },
    phone: uniquePhone(),
    address: { provinceCode: '01', districtCode: '005', line: 'Số 12 ngõ 34 Trần Duy Hưng' },
    ...overrides,
  };
}

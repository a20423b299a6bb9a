import { maskIdNumber, maskPhone } from './masking';
import { normaliseProfilePatch, normaliseSubjectProfile, type ProfileInput } from './subject-profile';
import { calendarDateInVietnam } from './vietnam-calendar';

const valid: ProfileInput = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-17',
  gender: 'male',
  idDocument: { type: 'CCCD', number: '001090012345' },
  phone: '0912 345 678',
  address: { provinceCode: '01', districtCode: '005', line: 'Số 12 Trần Duy Hưng' },
};

const today = '2024-06-01';

function problemsOf(input: ProfileInput) {
  const result = normaliseSubjectProfile(input, today);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

describe('a subject profile', () => {
  it('normalises a valid profile: E.164 phone, NFC name, absent optionals as null', () => {
    const result = normaliseSubjectProfile(valid, today);
    expect(result).toEqual({
      ok: true,
      value: {
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-05-17',
        gender: 'male',
        idDocument: { type: 'CCCD', number: '001090012345' },
        phone: '+84912345678',
        address: { provinceCode: '01', districtCode: '005', wardCode: null, line: 'Số 12 Trần Duy Hưng' },
        priorityGroup: null,
        healthInsuranceNumber: null,
      },
    });
  });

  it('accepts a CMND of 9 or 12 digits, but a CCCD of 12 digits only', () => {
    expect(problemsOf({ ...valid, idDocument: { type: 'CMND', number: '123456789' } })).toEqual([]);
    expect(problemsOf({ ...valid, idDocument: { type: 'CMND', number: '123456789012' } })).toEqual([]);
    expect(problemsOf({ ...valid, idDocument: { type: 'CCCD', number: '123456789' } })).toEqual(['idDocument.number']);
    expect(problemsOf({ ...valid, idDocument: { type: 'CMND', number: '1234567890' } })).toEqual(['idDocument.number']);
  });

  it('upper-cases a passport number and refuses one shorter than 6 characters', () => {
    const result = normaliseSubjectProfile({ ...valid, idDocument: { type: 'passport', number: 'c1234567' } }, today);
    expect(result.ok && result.value.idDocument).toEqual({ type: 'PASSPORT', number: 'C1234567' });
    expect(problemsOf({ ...valid, idDocument: { type: 'PASSPORT', number: 'B123' } })).toEqual(['idDocument.number']);
  });

  it('refuses a date of birth in the future, an impossible date and a non-ISO date', () => {
    expect(problemsOf({ ...valid, dateOfBirth: '2024-06-02' })).toEqual(['dateOfBirth']);
    expect(problemsOf({ ...valid, dateOfBirth: '2021-02-30' })).toEqual(['dateOfBirth']);
    expect(problemsOf({ ...valid, dateOfBirth: '17/05/1990' })).toEqual(['dateOfBirth']);
    expect(problemsOf({ ...valid, dateOfBirth: today })).toEqual([]);
  });

  it('counts a child born this morning in Hà Nội as born today, even though it is still yesterday in UTC', () => {
    const morningInHanoi = new Date('2024-06-01T06:30:00+07:00');
    expect(calendarDateInVietnam(morningInHanoi)).toBe('2024-06-01');
  });

  it('refuses an unknown province and a district of another province', () => {
    expect(problemsOf({ ...valid, address: { provinceCode: '99', line: 'x' } })).toEqual(['address.provinceCode']);
    expect(problemsOf({ ...valid, address: { provinceCode: '01', districtCode: '760', line: 'x' } })).toEqual([
      'address.districtCode',
    ]);
  });

  it('refuses a phone number that is not one', () => {
    expect(problemsOf({ ...valid, phone: '12345' })).toEqual(['phone']);
  });

  it('names every bad field at once', () => {
    expect(problemsOf({ ...valid, fullName: '', gender: 'x', phone: '' })).toEqual(['fullName', 'gender', 'phone']);
  });

  it('in a change, validates only the fields given, refuses removing a required one, and takes no field as no change', () => {
    expect(normaliseProfilePatch({ phone: '0987654321' }, today)).toEqual({ ok: true, value: { phone: '+84987654321' } });
    expect(normaliseProfilePatch({ fullName: null }, today).ok).toBe(false);
    expect(normaliseProfilePatch({ priorityGroup: null }, today)).toEqual({ ok: true, value: { priorityGroup: null } });
    expect(normaliseProfilePatch({}, today)).toEqual({ ok: true, value: {} });
  });

  it('masks a phone and an ID number down to their last three digits', () => {
    expect(maskPhone('+84912345678')).toBe('*******678');
    expect(maskIdNumber('001090012012')).toBe('*********012');
  });
});

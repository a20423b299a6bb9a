import {
  isKnownDistrict,
  isKnownProvince,
  listProvinces,
  locateAdministrativeUnitsFile,
  provinceByCode,
} from './administrative-units';

describe('administrative units of Vietnam', () => {
  it('lists the 63 provinces and centrally-run cities of 2021 with unique two-digit codes', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(63);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(63);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}$/);
  });

  it('names Hà Nội 01 and Ho Chi Minh City 79 with their Vietnamese names', () => {
    expect(provinceByCode('01')?.name).toBe('Thành phố Hà Nội');
    expect(provinceByCode('79')?.name).toBe('Thành phố Hồ Chí Minh');
    expect(isKnownProvince('48')).toBe(true);
    expect(isKnownProvince('03')).toBe(false);
  });

  it('knows listed districts and refuses a district of another province', () => {
    expect(isKnownDistrict('01', '005')).toBe(true);
    expect(isKnownDistrict('79', '769')).toBe(true);
    expect(isKnownDistrict('01', '760')).toBe(false);
  });

  it('accepts any three-digit district for a province whose districts the file does not list', () => {
    expect(isKnownDistrict('38', '380')).toBe(true);
    expect(isKnownDistrict('38', 'x1')).toBe(false);
    expect(isKnownDistrict('99', '001')).toBe(false);
  });

  it('finds the data file from a compiled location by walking up to the repository root', () => {
    const fromDist = locateAdministrativeUnitsFile(`${__dirname}/../../../dist/libs/contracts/src`);
    expect(fromDist).toBe(locateAdministrativeUnitsFile());
  });
});

import { icaoTransliterate, splitVietnameseName } from './icao-transliteration';

describe('ICAO 9303 transliteration of names', () => {
  it('writes "Nguyễn Văn Ân" as NGUYEN<VAN<AN', () => {
    expect(icaoTransliterate('Nguyễn Văn Ân')).toBe('NGUYEN<VAN<AN');
  });

  it('turns Đ into D and drops every Vietnamese tone and vowel mark', () => {
    expect(icaoTransliterate('Đặng Thị Hường')).toBe('DANG<THI<HUONG');
    expect(icaoTransliterate('Trần Đức Lưỡng')).toBe('TRAN<DUC<LUONG');
    expect(icaoTransliterate('Ngô Quỳnh Ánh')).toBe('NGO<QUYNH<ANH');
  });

  it('accepts decomposed (NFD) input like typed on some phones', () => {
    expect(icaoTransliterate('Nguyễn Văn Ân'.normalize('NFD'))).toBe('NGUYEN<VAN<AN');
  });

  it('follows the ICAO digraphs of the schema examples (Ö → OE, ß → SS) and drops apostrophes', () => {
    expect(icaoTransliterate('Musterfrau-Gößinger')).toBe('MUSTERFRAU<GOESSINGER');
    expect(icaoTransliterate("d'Červenková Panklová")).toBe('DCERVENKOVA<PANKLOVA');
  });

  it('collapses repeated separators and never exceeds 80 characters', () => {
    expect(icaoTransliterate('  Lê   -  Minh ')).toBe('LE<MINH');
    expect(icaoTransliterate('A'.repeat(120))).toHaveLength(80);
  });

  it('splits a Vietnamese name family name first', () => {
    expect(splitVietnameseName('Nguyễn Văn Ân')).toEqual({ familyName: 'Nguyễn', givenName: 'Văn Ân' });
    expect(splitVietnameseName('Ân')).toEqual({ familyName: 'Ân', givenName: null });
  });
});

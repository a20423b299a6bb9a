import { nameKeyOf, normalisePersonalName, personalNameProblem } from './personal-name';

describe('Vietnamese personal names', () => {
  it('stores a name typed in decomposed Unicode as the same NFC string as a precomposed one', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n An';
    expect(normalisePersonalName(decomposed)).toBe('Nguyễn Văn An');
    expect(normalisePersonalName(decomposed)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('collapses repeated and surrounding whitespace', () => {
    expect(normalisePersonalName('  Trần   Thị\tBình ')).toBe('Trần Thị Bình');
  });

  it('gives "NGUYEN VAN  AN" and "Nguyễn Văn An" the same name key', () => {
    expect(nameKeyOf('NGUYEN VAN  AN')).toBe(nameKeyOf('Nguyễn Văn An'));
    expect(nameKeyOf('Nguyễn Văn An')).toBe('nguyen van an');
  });

  it('folds đ and Đ to d', () => {
    expect(nameKeyOf('Đỗ Đức Đạt')).toBe('do duc dat');
  });

  it('keeps the whole name in the key, so a prefix is a different key', () => {
    expect(nameKeyOf('Nguyễn Văn')).not.toBe(nameKeyOf('Nguyễn Văn An'));
  });

  it('refuses digits and a one-letter name', () => {
    expect(personalNameProblem('Nguyễn Văn 4n')).not.toBeNull();
    expect(personalNameProblem('A')).not.toBeNull();
    expect(personalNameProblem("H'Hen Niê")).toBeNull();
  });
});

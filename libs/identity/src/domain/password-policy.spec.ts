import { passwordProblems } from './password-policy';

describe('the password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('Mây trắng bay qua đồi 2021', 'lan.nguyen')).toEqual([]);
  });

  it('refuses passwords shorter than 12 characters', () => {
    expect(passwordProblems('Sh0rt!pass', null)).toContain('at least 12 characters are required');
  });

  it('refuses common and breached passwords, also with digits or symbols added at the end', () => {
    expect(passwordProblems('qwertyuiop123', null).join()).toMatch(/common/);
    expect(passwordProblems('Password123456!!', null).join()).toMatch(/common/);
    expect(passwordProblems('matkhau123456', null).join()).toMatch(/common/);
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblems('xin-chao-lan.nguyen-2021', 'lan.nguyen')).toContain('the password must not contain the username');
  });
});

import { addAge, ageBandOn, daysBetween, localDateOf } from './calendar';

describe('calendar arithmetic for schedule rules', () => {
  it('takes a dose’s date as written at the site, not as UTC', () => {
    expect(localDateOf('2021-08-02T06:30:00+07:00')).toBe('2021-08-02');
  });

  it('counts whole calendar days between dates across month ends', () => {
    expect(daysBetween('2021-07-31', '2021-08-28')).toBe(28);
    expect(daysBetween('2021-08-28', '2021-07-31')).toBe(-28);
  });

  it('adds ages in calendar steps, a leap-day birthday turning 18 on 28 February', () => {
    expect(addAge('2004-02-29', { amount: 18, unit: 'y' })).toBe('2022-02-28');
    expect(addAge('2021-10-01', { amount: 6, unit: 'w' })).toBe('2021-11-12');
    expect(addAge('2021-01-31', { amount: 1, unit: 'm' })).toBe('2021-02-28');
  });

  it('bands ages for reporting and says unknown without a birth date', () => {
    expect(ageBandOn('2021-08-01', { dateOfBirth: '2003-08-02' })).toBe('12-17');
    expect(ageBandOn('2021-08-01', { dateOfBirth: '2003-08-01' })).toBe('18-49');
    expect(ageBandOn('2021-08-01', { birthYear: 1950 })).toBe('65+');
    expect(ageBandOn('2021-08-01', {})).toBe('unknown');
  });
});

import { DomainError } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../catalogue/vaccine-catalogue.file';
import { boosterOverdueAfterDays, type ForecastDose, forecastDoses, longestDueWindowDays, type SeriesForecast } from './dose-forecast';
import { checkSchedule, type ScheduledDose } from './schedule-rules';

const catalogue = loadVaccineCatalogue();
const adult = '1985-03-14';
const infant = '2021-06-01';

function dose(vaccineCode: string, doseNumber: number, date: string): ForecastDose {
  const product = catalogue.products.find((p) => p.code === vaccineCode)!;
  return { vaccineCode, seriesGroup: product.seriesGroup, doseNumber, administeredAt: `${date}T09:00:00+07:00` };
}

/** Given these doses, when the forecast is made on `on`: the one series they belong to. */
function forecast(history: ForecastDose[], on: string, dateOfBirth: string | null = adult): SeriesForecast {
  const series = forecastDoses(history, { catalogue, dateOfBirth, on });
  expect(series).toHaveLength(1);
  return series[0];
}

/** The schedule rules' verdict on giving the forecast dose on `date`: null when accepted, else the rule's code. */
function recordingVerdict(history: ForecastDose[], vaccineCode: string, date: string, dateOfBirth = adult): string | null {
  const scheduled: ScheduledDose[] = history.map((d, i) => ({ ...d, doseId: `d${i}` }));
  try {
    checkSchedule({ vaccineCode, administeredAt: `${date}T09:00:00+07:00` }, { catalogue, history: scheduled, dateOfBirth, now: new Date('2023-06-01T00:00:00Z') });
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The next primary (or, for single-dose products, booster) dose after a first dose on 2 August 2021, with the
 * dates read off reference-data/vaccines.json by hand: earliest = first + minDays, recommended = first +
 * recommendedDays.min, overdue from the day after recommendedDays.max.
 */
const afterFirstDose = [
  { code: 'VAXZEVRIA', dob: adult, next: 2, booster: false, earliest: '2021-08-30', recommended: '2021-09-27', overdueFrom: '2021-10-26' },
  { code: 'COMIRNATY', dob: adult, next: 2, booster: false, earliest: '2021-08-23', recommended: '2021-08-23', overdueFrom: '2021-08-31' },
  { code: 'SPIKEVAX', dob: adult, next: 2, booster: false, earliest: '2021-08-30', recommended: '2021-08-30', overdueFrom: '2021-09-14' },
  { code: 'BBIBP-CORV', dob: adult, next: 2, booster: false, earliest: '2021-08-23', recommended: '2021-08-23', overdueFrom: '2021-08-31' },
  { code: 'SPUTNIK-V', dob: adult, next: 2, booster: false, earliest: '2021-08-23', recommended: '2021-08-23', overdueFrom: '2021-08-24' },
  { code: 'ABDALA', dob: adult, next: 2, booster: false, earliest: '2021-08-16', recommended: '2021-08-16', overdueFrom: '2021-08-17' },
  // Janssen's primary series is one dose: the next is its booster, 60 days on, overdue 90 days after that.
  { code: 'JANSSEN', dob: adult, next: 2, booster: true, earliest: '2021-10-01', recommended: '2021-10-01', overdueFrom: '2021-12-30' },
  { code: 'DTP-HEPB-HIB', dob: infant, next: 2, booster: false, earliest: '2021-08-30', recommended: '2021-08-30', overdueFrom: '2021-09-03' },
];

describe('forecast of the next dose', () => {
  it('keeps any next dose due for at most 90 days before it is overdue (the booster window; AstraZeneca’s second dose is 57)', () => {
    expect(longestDueWindowDays(catalogue)).toBe(90);
  });

  it('covers every product of the catalogue in these specs', () => {
    const specified = new Set([...afterFirstDose.map((c) => c.code), 'BCG']);
    expect(catalogue.products.map((p) => p.code).filter((code) => !specified.has(code))).toEqual([]);
  });

  describe.each(afterFirstDose)('after a first $code dose on 2 August 2021', (c) => {
    const history = [dose(c.code, 1, '2021-08-02')];

    it(`schedules dose ${c.next} of ${c.code} between its earliest, recommended and overdue dates`, () => {
      expect(forecast(history, '2021-08-03', c.dob)).toMatchObject({
        seriesGroup: catalogue.products.find((p) => p.code === c.code)!.seriesGroup,
        nextDoseNumber: c.next,
        vaccineCode: c.code,
        boosterDue: c.booster,
        primarySeriesComplete: c.booster,
        earliest: c.earliest,
        recommended: c.recommended,
        overdueFrom: c.overdueFrom,
      });
    });

    it('is not yet due the day before the earliest date, and a dose that day is refused as too soon', () => {
      expect(forecast(history, dayBefore(c.earliest), c.dob).status).toBe('not_yet_due');
      expect(recordingVerdict(history, c.code, dayBefore(c.earliest), c.dob)).toBe('dose_interval_too_short');
    });

    it('is due from the earliest date until the day before it is overdue, and a dose on the earliest date is accepted', () => {
      expect(forecast(history, c.earliest, c.dob).status).toBe('due');
      expect(forecast(history, dayBefore(c.overdueFrom), c.dob).status).toBe('due');
      expect(recordingVerdict(history, c.code, c.earliest, c.dob)).toBeNull();
    });

    it('is overdue from the overdue date on', () => {
      expect(forecast(history, c.overdueFrom, c.dob).status).toBe('overdue');
      expect(forecast(history, '2022-06-01', c.dob).status).toBe('overdue');
    });
  });

  describe('BCG', () => {
    it('completes the series with its single dose and schedules no booster', () => {
      expect(forecast([dose('BCG', 1, '2021-06-02')], '2021-06-03', infant)).toMatchObject({
        status: 'complete',
        primarySeriesComplete: true,
        nextDoseNumber: null,
        boosterDue: false,
        earliest: null,
        recommended: null,
        overdueFrom: null,
      });
    });

    it('has no interval to be too short for: a second BCG dose is refused as the series is complete', () => {
      expect(recordingVerdict([dose('BCG', 1, '2021-06-02')], 'BCG', '2021-06-10', infant)).toBe('series_complete');
    });
  });

  describe('primary series complete and the booster', () => {
    const boosted = ['VAXZEVRIA', 'COMIRNATY', 'SPIKEVAX', 'BBIBP-CORV'];

    it.each(boosted)('after two %s doses the primary series is complete and the booster is due 90 days after the second', (code) => {
      const history = [dose(code, 1, '2021-08-02'), dose(code, 2, '2021-10-01')];
      const before = forecast(history, '2021-12-29');
      expect(before).toMatchObject({ status: 'not_yet_due', primarySeriesComplete: true, boosterDue: true, nextDoseNumber: 3, vaccineCode: code, earliest: '2021-12-30', recommended: '2021-12-30' });
      expect(before.overdueFrom).toBe('2022-03-30');
      expect(boosterOverdueAfterDays).toBe(90);
      expect(forecast(history, '2021-12-30').status).toBe('due');
      expect(forecast(history, '2022-03-30').status).toBe('overdue');
      expect(recordingVerdict(history, code, '2021-12-29')).toBe('dose_interval_too_short');
      expect(recordingVerdict(history, code, '2021-12-30')).toBeNull();
    });

    it.each(boosted)('after two %s doses and the booster the series is complete', (code) => {
      const history = [dose(code, 1, '2021-08-02'), dose(code, 2, '2021-10-01'), dose(code, 3, '2022-01-05')];
      expect(forecast(history, '2022-06-01')).toMatchObject({ status: 'complete', primarySeriesComplete: true, nextDoseNumber: null });
    });

    it('after a Janssen dose and its booster the series is complete', () => {
      const history = [dose('JANSSEN', 1, '2021-08-02'), dose('JANSSEN', 2, '2021-10-05')];
      expect(forecast(history, '2022-06-01')).toMatchObject({ status: 'complete', primarySeriesComplete: true, nextDoseNumber: null });
    });

    it('after both Sputnik V components the series is complete: the catalogue gives Sputnik V no booster', () => {
      const history = [dose('SPUTNIK-V', 1, '2021-08-02'), dose('SPUTNIK-V', 2, '2021-08-23')];
      expect(forecast(history, '2022-06-01')).toMatchObject({ status: 'complete', primarySeriesComplete: true, boosterDue: false, nextDoseNumber: null });
    });

    it('after one Sputnik V component the second is due with Sputnik V itself', () => {
      expect(forecast([dose('SPUTNIK-V', 1, '2021-08-02')], '2021-08-23')).toMatchObject({ nextDoseNumber: 2, vaccineCode: 'SPUTNIK-V', primarySeriesComplete: false });
    });

    it('after two Abdala doses the third is due 14 days later, and after three the series is complete', () => {
      const two = [dose('ABDALA', 1, '2021-08-02'), dose('ABDALA', 2, '2021-08-16')];
      expect(forecast(two, '2021-08-30')).toMatchObject({ status: 'due', nextDoseNumber: 3, vaccineCode: 'ABDALA', primarySeriesComplete: false, boosterDue: false, earliest: '2021-08-30', overdueFrom: '2021-08-31' });
      expect(recordingVerdict(two, 'ABDALA', '2021-08-29')).toBe('dose_interval_too_short');
      const three = [...two, dose('ABDALA', 3, '2021-08-30')];
      expect(forecast(three, '2022-06-01')).toMatchObject({ status: 'complete', primarySeriesComplete: true, nextDoseNumber: null });
    });

    it('after three pentavalent doses the infant series is complete', () => {
      const history = [dose('DTP-HEPB-HIB', 1, '2021-08-02'), dose('DTP-HEPB-HIB', 2, '2021-08-30'), dose('DTP-HEPB-HIB', 3, '2021-09-28')];
      expect(forecast(history, '2021-12-01', infant)).toMatchObject({ status: 'complete', primarySeriesComplete: true, nextDoseNumber: null });
    });

    it('after two pentavalent doses the third is due four weeks after the second', () => {
      const history = [dose('DTP-HEPB-HIB', 1, '2021-08-02'), dose('DTP-HEPB-HIB', 2, '2021-08-30')];
      expect(forecast(history, '2021-09-27', infant)).toMatchObject({ status: 'due', nextDoseNumber: 3, earliest: '2021-09-27', overdueFrom: '2021-10-01' });
      expect(recordingVerdict(history, 'DTP-HEPB-HIB', '2021-09-26', infant)).toBe('dose_interval_too_short');
    });
  });

  describe('mixed products, which the catalogue allows within the COVID-19 family', () => {
    it('offers every COVID-19 product for a second dose after AstraZeneca, keeping AstraZeneca as the product to give', () => {
      const next = forecast([dose('VAXZEVRIA', 1, '2021-08-02')], '2021-08-30');
      expect(next.vaccineCode).toBe('VAXZEVRIA');
      // The recording rules accept any product of the family as dose 2; none of another family.
      expect(next.allowedVaccineCodes).toEqual(['VAXZEVRIA', 'COMIRNATY', 'SPIKEVAX', 'BBIBP-CORV', 'SPUTNIK-V', 'ABDALA', 'JANSSEN']);
      expect(next.allowedVaccineCodes).not.toContain('BCG');
    });

    it('a Pfizer second dose after AstraZeneca still waits AstraZeneca’s 28 days (the stricter rule), as recording does', () => {
      const history = [dose('VAXZEVRIA', 1, '2021-08-02')];
      expect(recordingVerdict(history, 'COMIRNATY', '2021-08-23')).toBe('dose_interval_too_short');
      expect(recordingVerdict(history, 'COMIRNATY', '2021-08-30')).toBeNull();
    });

    it('after AstraZeneca then Pfizer the primary series is complete and the Pfizer booster is due 90 days after the Pfizer dose', () => {
      const history = [dose('VAXZEVRIA', 1, '2021-08-02'), dose('COMIRNATY', 2, '2021-10-01')];
      expect(forecast(history, '2021-12-30')).toMatchObject({ status: 'due', primarySeriesComplete: true, boosterDue: true, nextDoseNumber: 3, vaccineCode: 'COMIRNATY', earliest: '2021-12-30' });
    });

    it('after two AstraZeneca doses and a Moderna booster the series is complete', () => {
      const history = [dose('VAXZEVRIA', 1, '2021-06-01'), dose('VAXZEVRIA', 2, '2021-08-30'), dose('SPIKEVAX', 3, '2021-12-01')];
      expect(forecast(history, '2022-06-01').status).toBe('complete');
    });

    it('keeps separate series for separate families: an infant’s BCG and pentavalent doses', () => {
      const series = forecastDoses([dose('BCG', 1, '2021-06-02'), dose('DTP-HEPB-HIB', 1, '2021-08-02')], { catalogue, dateOfBirth: infant, on: '2021-08-30' });
      expect(series.map((s) => [s.seriesGroup, s.status])).toEqual([
        ['bcg', 'complete'],
        ['dtp-hepb-hib', 'due'],
      ]);
    });
  });

  describe('age bounds', () => {
    it('a teenager’s Pfizer booster is not due before the 18th birthday, however long ago the second dose was', () => {
      const teen = '2005-01-15';
      const history = [dose('COMIRNATY', 1, '2021-10-10'), dose('COMIRNATY', 2, '2021-11-01')];
      const next = forecast(history, '2022-06-01', teen);
      expect(next).toMatchObject({ status: 'not_yet_due', boosterDue: true, earliest: '2023-01-15', recommended: '2023-01-15' });
      expect(recordingVerdict(history, 'COMIRNATY', '2022-06-01', teen)).toBe('age_out_of_range');
    });

    it('a pentavalent dose that would fall after the first birthday is not scheduled', () => {
      const history = [dose('DTP-HEPB-HIB', 1, '2022-05-20')];
      expect(forecast(history, '2022-05-21', infant)).toMatchObject({ status: 'complete', nextDoseNumber: null });
    });
  });
});

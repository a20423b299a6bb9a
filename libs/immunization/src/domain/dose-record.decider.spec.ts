import { deciderSpec } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../catalogue/vaccine-catalogue.file';
import {
  type ImmunizationRecordCommand,
  type RecordDose,
  doseHistory,
  doseRecordDecider,
} from './dose-record.decider';
import type { DoseSnapshot, ImmunizationRecordEvent, SubjectFacts } from './immunization-record.events';

const catalogue = loadVaccineCatalogue();
const spec = deciderSpec(doseRecordDecider);
const subjectId = '0190f1c2-aaaa-7000-8000-000000000001';
const now = new Date('2021-12-20T10:00:00+07:00');

const facts = (overrides: Partial<SubjectFacts> = {}): ImmunizationRecordEvent => ({
  type: 'SubjectFactsNoted',
  data: {
    subjectId,
    facts: {
      dateOfBirth: '1985-03-14',
      birthYear: 1985,
      gender: 'female',
      provinceCode: '79',
      districtCode: '769',
      managingFacilityId: 'facility-home',
      ...overrides,
    },
  },
});

let doseCounter = 0;
function given(vaccineCode: string, date: string, doseNumber: number, extra: Partial<DoseSnapshot> = {}): ImmunizationRecordEvent {
  const product = catalogue.products.find((p) => p.code === vaccineCode)!;
  return {
    type: 'DoseRecorded',
    data: {
      subjectId,
      doseId: `dose-${++doseCounter}`,
      vaccineCode,
      seriesGroup: product.seriesGroup,
      doseNumber,
      administeredAt: `${date}T09:00:00+07:00`,
      lotNumber: 'LOT-1',
      facilityId: 'facility-1',
      planId: null,
      site: 'LA',
      route: product.route,
      vaccinatorId: 'vaccinator-1',
      reporting: { ageBand: '18-49', sex: 'female', provinceCode: '79', districtCode: '769' },
      ...extra,
    },
  };
}

function record(vaccineCode: string, date: string, overrides: Partial<RecordDose> = {}): ImmunizationRecordCommand {
  return {
    type: 'RecordDose',
    subjectId,
    doseId: 'new-dose',
    vaccineCode,
    lotNumber: 'LOT-2',
    administeredAt: `${date}T09:30:00+07:00`,
    facilityId: 'facility-1',
    planId: null,
    site: 'LA',
    route: null,
    vaccinatorId: 'vaccinator-2',
    facilityLocation: { provinceCode: '01', districtCode: '005' },
    catalogue,
    now,
    ...overrides,
  };
}

const recordedNumber = (events: ImmunizationRecordEvent[]) => {
  expect(events).toHaveLength(1);
  expect(events[0].type).toBe('DoseRecorded');
  return (events[0].data as DoseSnapshot).doseNumber;
};

describe('recording a dose', () => {
  it('records a first AstraZeneca dose as dose 1 with the age band, sex and residence reporting may know', () => {
    spec
      .given([facts()])
      .when(record('VAXZEVRIA', '2021-08-01'))
      .then([
        {
          type: 'DoseRecorded',
          data: {
            subjectId,
            doseId: 'new-dose',
            vaccineCode: 'VAXZEVRIA',
            seriesGroup: 'covid19',
            doseNumber: 1,
            administeredAt: '2021-08-01T09:30:00+07:00',
            lotNumber: 'LOT-2',
            facilityId: 'facility-1',
            planId: null,
            site: 'LA',
            route: 'IM',
            vaccinatorId: 'vaccinator-2',
            reporting: { ageBand: '18-49', sex: 'female', provinceCode: '79', districtCode: '769' },
          },
        },
      ]);
  });

  it('falls back to the vaccinating facility’s province while registry has not shared the residence', () => {
    const [event] = spec.given([]).when(record('COMIRNATY', '2021-08-01')).events();
    expect((event.data as DoseSnapshot).reporting).toEqual({ ageBand: 'unknown', sex: 'unknown', provinceCode: '01', districtCode: '005' });
  });

  it('derives the dose number from the history of the series', () => {
    expect(recordedNumber(spec.given([facts(), given('VAXZEVRIA', '2021-06-01', 1)]).when(record('VAXZEVRIA', '2021-08-20')).events())).toBe(2);
  });

  it('records the same command only once when it is retried', () => {
    spec.given([facts(), given('VAXZEVRIA', '2021-06-01', 1, { doseId: 'new-dose' })]).when(record('VAXZEVRIA', '2021-06-01')).then([]);
  });

  it('refuses an unknown vaccine code', () => {
    spec.given([facts()]).when(record('SPUTNIK-LIGHT', '2021-08-01')).thenThrows('unknown_vaccine');
  });
});

describe('minimum intervals between doses', () => {
  it('refuses a second AstraZeneca dose 10 days after the first', () => {
    const error = spec.given([facts(), given('VAXZEVRIA', '2021-08-01', 1)]).when(record('VAXZEVRIA', '2021-08-11')).thenThrows('dose_interval_too_short');
    expect(error.details).toMatchObject({ doseNumber: 2, previousDoseNumber: 1, days: 10, minDays: 28 });
  });

  it('accepts a second AstraZeneca dose exactly 28 days after the first', () => {
    expect(recordedNumber(spec.given([facts(), given('VAXZEVRIA', '2021-08-01', 1)]).when(record('VAXZEVRIA', '2021-08-29')).events())).toBe(2);
  });

  it('refuses a second Pfizer dose 20 days after the first and accepts it after 21', () => {
    spec.given([facts(), given('COMIRNATY', '2021-08-01', 1)]).when(record('COMIRNATY', '2021-08-21')).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given([facts(), given('COMIRNATY', '2021-08-01', 1)]).when(record('COMIRNATY', '2021-08-22')).events())).toBe(2);
  });

  it('refuses a second Moderna dose 27 days after the first and accepts it after 28', () => {
    spec.given([facts(), given('SPIKEVAX', '2021-08-01', 1)]).when(record('SPIKEVAX', '2021-08-28')).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given([facts(), given('SPIKEVAX', '2021-08-01', 1)]).when(record('SPIKEVAX', '2021-08-29')).events())).toBe(2);
  });

  it('refuses a second Sinopharm dose 14 days after the first and accepts it after 21', () => {
    spec.given([facts(), given('BBIBP-CORV', '2021-08-01', 1)]).when(record('BBIBP-CORV', '2021-08-15')).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given([facts(), given('BBIBP-CORV', '2021-08-01', 1)]).when(record('BBIBP-CORV', '2021-08-22')).events())).toBe(2);
  });

  it('refuses Sputnik V component II 20 days after component I', () => {
    spec.given([facts(), given('SPUTNIK-V', '2021-09-01', 1)]).when(record('SPUTNIK-V', '2021-09-21')).thenThrows('dose_interval_too_short');
  });

  it('accepts the third Abdala dose 14 days after the second and refuses it after 13', () => {
    const history = [facts(), given('ABDALA', '2021-10-01', 1), given('ABDALA', '2021-10-15', 2)];
    expect(recordedNumber(spec.given(history).when(record('ABDALA', '2021-10-29')).events())).toBe(3);
    spec.given(history).when(record('ABDALA', '2021-10-28')).thenThrows('dose_interval_too_short');
  });

  it('holds a mixed series to the stricter product: Pfizer 25 days after AstraZeneca waits for AstraZeneca’s 28', () => {
    spec.given([facts(), given('VAXZEVRIA', '2021-08-01', 1)]).when(record('COMIRNATY', '2021-08-26')).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given([facts(), given('VAXZEVRIA', '2021-08-01', 1)]).when(record('COMIRNATY', '2021-08-29')).events())).toBe(2);
  });

  it('refuses a Pfizer booster 60 days after the second dose and accepts it after 90', () => {
    const history = [facts(), given('COMIRNATY', '2021-07-01', 1), given('COMIRNATY', '2021-07-22', 2)];
    spec.given(history).when(record('COMIRNATY', '2021-09-20')).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given(history).when(record('COMIRNATY', '2021-10-20')).events())).toBe(3);
  });

  it('accepts a Janssen booster two months after the single dose', () => {
    expect(recordedNumber(spec.given([facts(), given('JANSSEN', '2021-08-01', 1)]).when(record('JANSSEN', '2021-09-30')).events())).toBe(2);
    spec.given([facts(), given('JANSSEN', '2021-08-01', 1)]).when(record('JANSSEN', '2021-09-29')).thenThrows('dose_interval_too_short');
  });

  it('checks the following dose too when a dose fills the place of a voided one', () => {
    const second = given('VAXZEVRIA', '2021-08-01', 2);
    const history = [
      facts(),
      given('VAXZEVRIA', '2021-06-01', 1, { doseId: 'first' }),
      second,
      { type: 'DoseVoided', data: { ...(given('VAXZEVRIA', '2021-06-01', 1, { doseId: 'first' }).data as DoseSnapshot), reason: 'wrong subject' } },
    ] as ImmunizationRecordEvent[];
    spec.given(history).when(record('VAXZEVRIA', '2021-07-20', { doseNumber: 1 })).thenThrows('dose_interval_too_short');
    expect(recordedNumber(spec.given(history).when(record('VAXZEVRIA', '2021-06-20', { doseNumber: 1 })).events())).toBe(1);
  });
});

describe('the end of a series', () => {
  it('refuses a fourth COVID-19 dose after two AstraZeneca doses and a booster', () => {
    const history = [facts(), given('VAXZEVRIA', '2021-06-01', 1), given('VAXZEVRIA', '2021-08-20', 2), given('COMIRNATY', '2021-12-01', 3)];
    spec.given(history).when(record('COMIRNATY', '2021-12-19')).thenThrows('series_complete');
  });

  it('refuses a third Sputnik V dose: the product has no booster', () => {
    const history = [facts(), given('SPUTNIK-V', '2021-06-01', 1), given('SPUTNIK-V', '2021-06-22', 2)];
    spec.given(history).when(record('SPUTNIK-V', '2021-12-01')).thenThrows('series_complete');
  });

  it('refuses a second BCG dose', () => {
    spec
      .given([facts({ dateOfBirth: '2021-11-01', birthYear: 2021 }), given('BCG', '2021-11-02', 1)])
      .when(record('BCG', '2021-12-01'))
      .thenThrows('series_complete');
  });

  it('refuses an explicit dose number beyond the series', () => {
    spec.given([facts()]).when(record('JANSSEN', '2021-08-01', { doseNumber: 3 })).thenThrows('series_complete');
  });
});

describe('dates and ages', () => {
  it('refuses a dose dated before the subject was born', () => {
    spec.given([facts({ dateOfBirth: '2021-11-01', birthYear: 2021 })]).when(record('BCG', '2021-10-31')).thenThrows('dose_before_birth');
  });

  it('refuses a dose dated tomorrow', () => {
    spec.given([facts()]).when(record('VAXZEVRIA', '2021-12-21')).thenThrows('dose_in_future');
  });

  it('accepts a dose stamped a minute ahead of the server clock', () => {
    const oneMinuteAhead = new Date(now.getTime() + 60_000).toISOString();
    expect(recordedNumber(spec.given([facts()]).when(record('VAXZEVRIA', '2021-12-20', { administeredAt: oneMinuteAhead })).events())).toBe(1);
  });

  it('refuses AstraZeneca for a 17-year-old and accepts it on the 18th birthday', () => {
    const teenager = facts({ dateOfBirth: '2003-09-10', birthYear: 2003 });
    spec.given([teenager]).when(record('VAXZEVRIA', '2021-09-09')).thenThrows('age_out_of_range');
    expect(recordedNumber(spec.given([teenager]).when(record('VAXZEVRIA', '2021-09-10')).events())).toBe(1);
  });

  it('accepts Pfizer for a 12-year-old and refuses it for an 11-year-old', () => {
    expect(recordedNumber(spec.given([facts({ dateOfBirth: '2009-01-01' })]).when(record('COMIRNATY', '2021-11-01')).events())).toBe(1);
    spec.given([facts({ dateOfBirth: '2010-01-01' })]).when(record('COMIRNATY', '2021-11-01')).thenThrows('age_out_of_range');
  });

  it('refuses Abdala for a 66-year-old', () => {
    spec.given([facts({ dateOfBirth: '1955-01-01' })]).when(record('ABDALA', '2021-10-01')).thenThrows('age_out_of_range');
  });

  it('refuses the pentavalent EPI vaccine before six weeks of age and accepts it at six weeks', () => {
    const infant = facts({ dateOfBirth: '2021-10-01', birthYear: 2021 });
    spec.given([infant]).when(record('DTP-HEPB-HIB', '2021-11-11')).thenThrows('age_out_of_range');
    const [event] = spec.given([infant]).when(record('DTP-HEPB-HIB', '2021-11-12')).events();
    expect((event.data as DoseSnapshot).reporting.ageBand).toBe('<1');
  });

  it('skips the date-of-birth rules while registry has not shared it, and still enforces the interval', () => {
    expect(recordedNumber(spec.given([]).when(record('DTP-HEPB-HIB', '2021-11-01')).events())).toBe(1);
    spec.given([given('VAXZEVRIA', '2021-08-01', 1)]).when(record('VAXZEVRIA', '2021-08-11')).thenThrows('dose_interval_too_short');
  });
});

describe('numbering and duplicates', () => {
  it('refuses the same dose entered twice on the same day', () => {
    spec.given([facts(), given('VAXZEVRIA', '2021-08-01', 1)]).when(record('VAXZEVRIA', '2021-08-01', { doseId: 'another' })).thenThrows('dose_already_recorded');
  });

  it('refuses a dose number the record already holds', () => {
    spec
      .given([facts(), given('VAXZEVRIA', '2021-06-01', 1)])
      .when(record('VAXZEVRIA', '2021-08-20', { doseNumber: 1 }))
      .thenThrows('dose_already_recorded');
  });

  it('refuses dose number 3 when the record holds one dose', () => {
    const error = spec
      .given([facts(), given('VAXZEVRIA', '2021-06-01', 1)])
      .when(record('VAXZEVRIA', '2021-08-20', { doseNumber: 3 }))
      .thenThrows('dose_number_mismatch');
    expect(error.details).toEqual({ expectedDoseNumber: 2 });
  });

  it('accepts a dose number that matches the history', () => {
    expect(recordedNumber(spec.given([facts(), given('VAXZEVRIA', '2021-06-01', 1)]).when(record('VAXZEVRIA', '2021-08-20', { doseNumber: 2 })).events())).toBe(2);
  });

  it('frees a voided dose’s number: the next dose is numbered 2 again and measured from dose 1', () => {
    const second = given('VAXZEVRIA', '2021-07-01', 2, { doseId: 'second' });
    const history = [
      facts(),
      given('VAXZEVRIA', '2021-06-01', 1),
      second,
      { type: 'DoseVoided', data: { ...(second.data as DoseSnapshot), reason: 'entered on the wrong subject' } },
    ] as ImmunizationRecordEvent[];
    expect(recordedNumber(spec.given(history).when(record('VAXZEVRIA', '2021-08-20')).events())).toBe(2);
  });
});

describe('correcting, voiding and reactions', () => {
  const first = given('VAXZEVRIA', '2021-06-01', 1, { doseId: 'first' });
  const second = given('VAXZEVRIA', '2021-08-20', 2, { doseId: 'second' });
  const base = { subjectId, catalogue, now };

  it('corrects a lot number, keeping the dose number, with the reason', () => {
    const [event] = spec
      .given([facts(), first, second])
      .when({ type: 'CorrectDose', ...base, doseId: 'second', changes: { lotNumber: 'LOT-FIXED' }, reason: 'typo in lot' })
      .events();
    expect(event).toMatchObject({
      type: 'DoseCorrected',
      data: { doseId: 'second', doseNumber: 2, lotNumber: 'LOT-FIXED', reason: 'typo in lot', changedFields: ['lotNumber'] },
    });
  });

  it('refuses a correction that moves the second AstraZeneca dose to 10 days after the first', () => {
    spec
      .given([facts(), first, second])
      .when({ type: 'CorrectDose', ...base, doseId: 'second', changes: { administeredAt: '2021-06-11T09:00:00+07:00' }, reason: 'date' })
      .thenThrows('dose_interval_too_short');
  });

  it('adds nothing when the same correction arrives again', () => {
    spec
      .given([facts(), first, second])
      .when({ type: 'CorrectDose', ...base, doseId: 'second', changes: { lotNumber: 'LOT-1' }, reason: 'again' })
      .then([]);
  });

  it('refuses to correct a voided dose or an unknown one', () => {
    const voided = { type: 'DoseVoided', data: { ...(second.data as DoseSnapshot), reason: 'duplicate' } } as ImmunizationRecordEvent;
    spec
      .given([facts(), first, second, voided])
      .when({ type: 'CorrectDose', ...base, doseId: 'second', changes: { lotNumber: 'X' }, reason: 'r' })
      .thenThrows('dose_voided');
    spec.given([facts(), first]).when({ type: 'CorrectDose', ...base, doseId: 'nope', changes: { lotNumber: 'X' }, reason: 'r' }).thenThrows('dose_not_found');
  });

  it('voids a dose with its reason and refuses to void it twice', () => {
    const [event] = spec.given([facts(), first]).when({ type: 'VoidDose', subjectId, doseId: 'first', reason: 'wrong subject' }).events();
    expect(event).toMatchObject({ type: 'DoseVoided', data: { doseId: 'first', reason: 'wrong subject', doseNumber: 1 } });
    spec
      .given([facts(), first, event])
      .when({ type: 'VoidDose', subjectId, doseId: 'first', reason: 'again' })
      .thenThrows('dose_already_voided');
  });

  it('shows voided doses in the history, in the order given', () => {
    const voided = { type: 'DoseVoided', data: { ...(first.data as DoseSnapshot), reason: 'duplicate' } } as ImmunizationRecordEvent;
    const state = [facts(), second, first, voided].reduce(doseRecordDecider.evolve, doseRecordDecider.initialState());
    expect(doseHistory(state).map((d) => [d.doseId, d.status])).toEqual([
      ['first', 'voided'],
      ['second', 'completed'],
    ]);
  });

  const reaction = (overrides: Record<string, unknown> = {}) =>
    ({
      type: 'ReportAdverseReaction',
      subjectId,
      doseId: 'first',
      reactionId: 'reaction-1',
      onsetAt: '2021-06-01T18:00:00+07:00',
      severity: 'moderate',
      description: 'fever 39°C',
      outcome: 'recovered',
      reportedBy: 'vaccinator-2',
      reportingFacilityId: 'facility-1',
      now,
      ...overrides,
    }) as ImmunizationRecordCommand;

  it('records an adverse reaction on a dose', () => {
    const [event] = spec.given([facts(), first]).when(reaction()).events();
    expect(event).toMatchObject({ type: 'AdverseReactionReported', data: { doseId: 'first', severity: 'moderate', outcome: 'recovered' } });
  });

  it('refuses a reaction that starts before the dose, in the future, or on a voided dose', () => {
    spec.given([facts(), first]).when(reaction({ onsetAt: '2021-05-31T18:00:00+07:00' })).thenThrows('reaction_before_dose');
    spec.given([facts(), first]).when(reaction({ onsetAt: '2021-12-25T18:00:00+07:00' })).thenThrows('reaction_in_future');
    const voided = { type: 'DoseVoided', data: { ...(first.data as DoseSnapshot), reason: 'duplicate' } } as ImmunizationRecordEvent;
    spec.given([facts(), first, voided]).when(reaction()).thenThrows('dose_voided');
  });
});

describe('subject facts from registry', () => {
  it('notes the facts once and ignores a redelivery', () => {
    const noted = facts();
    spec.given([]).when({ type: 'NoteSubjectFacts', subjectId, facts: (noted.data as { facts: SubjectFacts }).facts }).then([noted]);
    spec.given([noted]).when({ type: 'NoteSubjectFacts', subjectId, facts: (noted.data as { facts: SubjectFacts }).facts }).then([]);
  });

  it('merges a later change of residence into what is known', () => {
    const [event] = spec.given([facts()]).when({ type: 'NoteSubjectFacts', subjectId, facts: { provinceCode: '01', districtCode: '001' } }).events();
    expect(event.data).toEqual({
      subjectId,
      facts: expect.objectContaining({ dateOfBirth: '1985-03-14', provinceCode: '01', districtCode: '001' }),
    });
  });
});

describe('booking a subject on a plan', () => {
  const book = (planId: string, date: string, vaccineCode = 'VAXZEVRIA'): ImmunizationRecordCommand => ({
    type: 'BookDose',
    subjectId,
    planId,
    vaccineCode,
    date,
    today: '2021-12-20',
    catalogue,
  });
  const booked = (planId: string, date: string, doseNumber = 1): ImmunizationRecordEvent => ({
    type: 'DoseBooked',
    data: { subjectId, planId, vaccineCode: 'VAXZEVRIA', seriesGroup: 'covid19', doseNumber, date },
  });

  it('books the next dose of the series', () => {
    spec.given([facts(), given('VAXZEVRIA', '2021-10-01', 1)]).when(book('plan-a', '2021-12-22')).then([booked('plan-a', '2021-12-22', 2)]);
  });

  it('refuses to book the same dose on a second plan', () => {
    const error = spec.given([booked('plan-a', '2021-12-22')]).when(book('plan-b', '2021-12-23')).thenThrows('subject_already_booked');
    expect(error.details).toEqual({ subjectId, planId: 'plan-a' });
  });

  it('books again once the booked dose was given, or the booking was released or its day has passed', () => {
    const given1 = given('VAXZEVRIA', '2021-12-20', 1, { planId: 'plan-a' });
    spec.given([booked('plan-a', '2021-12-20'), given1]).when(book('plan-b', '2022-03-20')).then([booked('plan-b', '2022-03-20', 2)]);
    const released: ImmunizationRecordEvent = { type: 'DoseBookingReleased', data: { subjectId, planId: 'plan-a', reason: 'plan full' } };
    spec.given([booked('plan-a', '2021-12-22'), released]).when(book('plan-b', '2021-12-23')).then([booked('plan-b', '2021-12-23')]);
    spec.given([booked('plan-a', '2021-12-19')]).when(book('plan-b', '2021-12-23')).then([booked('plan-b', '2021-12-23')]);
  });

  it('refuses to book a subject whose series is complete', () => {
    spec.given([facts(), given('JANSSEN', '2021-06-01', 1), given('JANSSEN', '2021-09-01', 2)]).when(book('plan-a', '2021-12-22', 'JANSSEN')).thenThrows('series_complete');
  });
});

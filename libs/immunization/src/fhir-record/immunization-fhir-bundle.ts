/**
 * A subject's immunization record as a FHIR R4 Bundle (type `collection`): one Patient, one Immunization per
 * dose, and one ImmunizationRecommendation with the forecast of each started series. Voided doses are
 * `entered-in-error`. Vaccine codes carry the local product code and, where one exists,
 * the CDC CVX code. Validated against the HAPI FHIR R4 validator in this service's tests.
 */
import { createHash } from 'node:crypto';
import { vietnamToday } from '../domain/calendar';
import { type SeriesForecast } from '../domain/dose-forecast';
import type { ImmunizationRecordState, RecordedDose } from '../domain/dose-record.decider';
import { findVaccine, maxDoses, type VaccineCatalogue } from '../domain/vaccine-catalogue';
import { forecastOfRecord } from '../domain/record-forecast';

export const vaccineCodeSystem = 'https://vaxledger.example/fhir/CodeSystem/vaccine';
export const accountIdentifierSystem = 'https://vaxledger.example/fhir/NamingSystem/account';
export const facilityIdentifierSystem = 'https://vaxledger.example/fhir/NamingSystem/facility';
export const doseIdentifierSystem = 'https://vaxledger.example/fhir/NamingSystem/dose';
const cvxSystem = 'http://hl7.org/fhir/sid/cvx';

const routeCodes: Record<string, { code: string; display: string }> = {
  IM: { code: 'IM', display: 'Injection, intramuscular' },
  ID: { code: 'IDINJ', display: 'Injection, intradermal' },
  SC: { code: 'SQ', display: 'Injection, subcutaneous' },
  PO: { code: 'PO', display: 'Swallow, oral' },
};

const siteDisplays: Record<string, string> = {
  LA: 'left arm',
  RA: 'right arm',
  LD: 'left deltoid',
  RD: 'right deltoid',
  LT: 'left thigh',
  RT: 'right thigh',
  LVL: 'left vastus lateralis',
  RVL: 'right vastus lateralis',
};

export interface FhirBundleOptions {
  /** Exact birth date only for callers entitled to full personal data; others get the birth year. */
  fullPersonalData: boolean;
  now: Date;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const narrative = (text: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(text)}</div>` });

export function immunizationBundle(subjectId: string, state: ImmunizationRecordState, catalogue: VaccineCatalogue, options: FhirBundleOptions) {
  const patientUrl = `urn:uuid:${subjectId}`;
  const facts = state.facts;
  const birthDate = options.fullPersonalData ? facts?.dateOfBirth ?? (facts?.birthYear ? String(facts.birthYear) : undefined) : facts?.birthYear ? String(facts.birthYear) : undefined;
  const patient: Record<string, unknown> = {
    resourceType: 'Patient',
    id: subjectId,
    text: narrative(`Subject ${subjectId}`),
    identifier: [{ system: 'https://vaxledger.example/fhir/NamingSystem/subject', value: subjectId }],
  };
  if (facts?.gender) patient.gender = facts.gender;
  if (birthDate) patient.birthDate = birthDate;

  const forecasts = forecastOfRecord(state, catalogue, vietnamToday(options.now));
  const recommendation = forecasts.length > 0 ? recommendationResource(subjectId, patientUrl, state, forecasts, catalogue, options.now) : null;
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: options.now.toISOString(),
    entry: [
      { fullUrl: patientUrl, resource: patient },
      ...state.doses.map((dose) => ({ fullUrl: `urn:uuid:${dose.doseId}`, resource: immunizationResource(dose, patientUrl, catalogue) })),
      ...(recommendation ? [recommendation] : []),
    ],
  };
}

const recommendationStatusSystem = 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status';
const loinc = 'http://loinc.org';
const dateCriteria = {
  earliest: { code: '30981-5', display: 'Earliest date to give' },
  recommended: { code: '30980-7', display: 'Date vaccine due' },
  overdueFrom: { code: '59778-1', display: 'Date when overdue for immunization' },
} as const;

/** A stable UUID for the subject's recommendation, so repeated exports name the same resource. */
function recommendationUuid(subjectId: string): string {
  const hex = createHash('sha256').update(`immunization-recommendation:${subjectId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The forecast as FHIR: `forecastStatus` due / overdue / complete (a dose not yet due is `due` with its future
 * earliest date, as FHIR has no "not yet due" status), and the dates as LOINC-coded `dateCriterion`s.
 */
function recommendationResource(subjectId: string, patientUrl: string, state: ImmunizationRecordState, forecasts: SeriesForecast[], catalogue: VaccineCatalogue, now: Date) {
  const uuid = recommendationUuid(subjectId);
  const lastDoseOf = (series: string) =>
    state.doses.filter((d) => d.status === 'completed' && d.seriesGroup === series).sort((a, b) => b.doseNumber - a.doseNumber)[0];
  const recommendation = forecasts.map((forecast) => {
    const last = lastDoseOf(forecast.seriesGroup);
    const product = findVaccine(catalogue, forecast.vaccineCode ?? last?.vaccineCode ?? '');
    const status = forecast.status === 'not_yet_due' ? 'due' : forecast.status;
    const item: Record<string, unknown> = {
      targetDisease: { text: product?.program === 'covid19' ? 'COVID-19' : (product?.name ?? forecast.seriesGroup) },
      forecastStatus: { coding: [{ system: recommendationStatusSystem, code: status, display: status === 'complete' ? 'Complete' : status === 'overdue' ? 'Overdue' : 'Due' }] },
      series: forecast.seriesGroup,
      description: forecast.boosterDue ? 'booster' : forecast.primarySeriesComplete ? 'primary series complete' : 'primary series',
    };
    if (forecast.vaccineCode && product) {
      const coding: Array<Record<string, string>> = [{ system: vaccineCodeSystem, code: product.code, display: product.name }];
      if (product.cvx) coding.push({ system: cvxSystem, code: product.cvx });
      item.vaccineCode = [{ coding, text: product.name }];
    }
    if (forecast.nextDoseNumber !== null && product) {
      item.doseNumberPositiveInt = forecast.nextDoseNumber;
      item.seriesDosesPositiveInt = maxDoses(product);
      item.dateCriterion = (['earliest', 'recommended', 'overdueFrom'] as const).map((key) => ({
        code: { coding: [{ system: loinc, ...dateCriteria[key] }] },
        value: forecast[key],
      }));
    }
    if (last) item.supportingImmunization = [{ reference: `urn:uuid:${last.doseId}` }];
    return item;
  });
  const summary = forecasts
    .map((f) => (f.status === 'complete' ? `${f.seriesGroup}: complete` : `${f.seriesGroup}: dose ${f.nextDoseNumber} ${f.status.replace(/_/g, ' ')} from ${f.earliest}`))
    .join('; ');
  return {
    fullUrl: `urn:uuid:${uuid}`,
    resource: {
      resourceType: 'ImmunizationRecommendation',
      id: uuid,
      text: narrative(`Forecast: ${summary}`),
      identifier: [{ system: 'https://vaxledger.example/fhir/NamingSystem/immunization-recommendation', value: uuid }],
      patient: { reference: patientUrl },
      date: now.toISOString(),
      recommendation,
    },
  };
}

function immunizationResource(dose: RecordedDose, patientUrl: string, catalogue: VaccineCatalogue) {
  const product = findVaccine(catalogue, dose.vaccineCode);
  const coding: Array<Record<string, string>> = [{ system: vaccineCodeSystem, code: dose.vaccineCode, display: product?.name ?? dose.vaccineCode }];
  if (product?.cvx) coding.push({ system: cvxSystem, code: product.cvx });
  const reactions = dose.reactions.map((reaction, index) => ({
    observation: {
      resourceType: 'Observation',
      id: `reaction-${index + 1}`,
      status: 'final',
      code: { text: 'Adverse event following immunization' },
      subject: { reference: patientUrl },
      effectiveDateTime: reaction.onsetAt,
      performer: [{ identifier: { system: accountIdentifierSystem, value: reaction.reportedBy } }],
      valueString: reaction.description,
      note: [{ text: `severity: ${reaction.severity}; outcome: ${reaction.outcome}` }],
    },
    reaction: { date: reaction.onsetAt, detail: { reference: `#reaction-${index + 1}` }, reported: true },
  }));
  const resource: Record<string, unknown> = {
    resourceType: 'Immunization',
    id: dose.doseId,
    text: narrative(`${product?.name ?? dose.vaccineCode}, dose ${dose.doseNumber}, ${dose.administeredAt}${dose.status === 'voided' ? ' (entered in error)' : ''}`),
    identifier: [{ system: doseIdentifierSystem, value: dose.doseId }],
    status: dose.status === 'voided' ? 'entered-in-error' : 'completed',
    vaccineCode: { coding, text: product?.name ?? dose.vaccineCode },
    patient: { reference: patientUrl },
    occurrenceDateTime: dose.administeredAt,
    primarySource: true,
    location: { identifier: { system: facilityIdentifierSystem, value: dose.facilityId } },
    lotNumber: dose.lotNumber,
    performer: [
      {
        function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP', display: 'Administering Provider' }] },
        actor: { identifier: { system: accountIdentifierSystem, value: dose.vaccinatorId } },
      },
    ],
    protocolApplied: [
      {
        ...(product ? { series: product.seriesGroup, targetDisease: [{ text: product.program === 'covid19' ? 'COVID-19' : product.name }] } : {}),
        doseNumberPositiveInt: dose.doseNumber,
      },
    ],
  };
  if (product?.manufacturer) resource.manufacturer = { display: product.manufacturer };
  if (dose.site) resource.site = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: dose.site, display: siteDisplays[dose.site] ?? dose.site }] };
  const route = dose.route ? routeCodes[dose.route] : undefined;
  if (route) resource.route = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', ...route }] };
  if (reactions.length > 0) {
    resource.contained = reactions.map((r) => r.observation);
    resource.reaction = reactions.map((r) => r.reaction);
  }
  return resource;
}

/**
 * A subject's immunization record as a FHIR R4 Bundle (type `collection`): one Patient and one Immunization per
 * dose. Voided doses are `entered-in-error`. Vaccine codes carry the local product code and, where one exists,
 * the CDC CVX code. Validated against the HAPI FHIR R4 validator in this service's tests.
 */
import type { ImmunizationRecordState, RecordedDose } from '../domain/dose-record.decider';
import { findVaccine, type VaccineCatalogue } from '../domain/vaccine-catalogue';

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

  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: options.now.toISOString(),
    entry: [
      { fullUrl: patientUrl, resource: patient },
      ...state.doses.map((dose) => ({ fullUrl: `urn:uuid:${dose.doseId}`, resource: immunizationResource(dose, patientUrl, catalogue) })),
    ],
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

/**
 * The certificate as a WHO DDCC:VS document: a FHIR R4 Bundle of type `document` with the DDCC core data set
 * (DDCCVSComposition, DDCCPatient, DDCCImmunization, DDCCOrganization) as profiled by the WHO DDCC
 * implementation guide. Built from the certificate's own signed payload, so it states exactly what the QR
 * states. Codes: ICD-11 XM68M6 (COVID-19 vaccines) and RA01 (COVID-19); the EU product code rides along as the
 * brand, the EU marketing authorisation holder as the market authorisation.
 */
import { createHash } from 'node:crypto';
import type { DigitalCovidCertificate } from '../domain/dcc-payload';

export const ddccCanonical = 'http://worldhealthorganization.github.io/ddcc';
const profile = (name: string) => `${ddccCanonical}/StructureDefinition/${name}`;
const icd11 = 'http://id.who.int/icd11/mms';
const euProducts = 'https://ec.europa.eu/health/documents/community-register/html/';
const euHolders = 'https://ec.europa.eu/health/ehealth/dgc/valuesets/vaccine-mah-manf';
export const uvciSystem = 'urn:EXAMPLE-who-:ddcc:uvci';

export interface DdccCertificate {
  certificateId: string;
  uvci: string;
  issuedAt: string;
  expiresAt: string;
  status: 'valid' | 'revoked';
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const narrative = (text: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(text)}</div>` });

/** A stable UUID v5-shaped id derived from the certificate id, so repeated exports name the same resources. */
function resourceUuid(certificateId: string, role: string): string {
  const hex = createHash('sha256').update(`ddcc:${role}:${certificateId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function ddccVaccinationDocument(dcc: DigitalCovidCertificate, certificate: DdccCertificate) {
  const vaccination = dcc.v[0];
  const id = (role: string) => resourceUuid(certificate.certificateId, role);
  const ids = { bundle: id('bundle'), composition: id('composition'), patient: id('patient'), immunization: id('immunization'), organization: id('organization') };
  const url = (key: keyof typeof ids) => `urn:uuid:${ids[key]}`;
  const fullName = [dcc.nam.fn, dcc.nam.gn].filter(Boolean).join(' ');

  const patient = {
    resourceType: 'Patient',
    id: ids.patient,
    meta: { profile: [profile('DDCCPatient')] },
    text: narrative(fullName),
    name: [{ text: fullName, ...(dcc.nam.fn ? { family: dcc.nam.fn } : {}), ...(dcc.nam.gn ? { given: [dcc.nam.gn] } : {}) }],
    birthDate: dcc.dob,
  };
  const organization = {
    resourceType: 'Organization',
    id: ids.organization,
    meta: { profile: [profile('DDCCOrganization')] },
    text: narrative(vaccination.is),
    name: vaccination.is,
    address: [{ country: vaccination.co }],
  };
  const immunization = {
    resourceType: 'Immunization',
    id: ids.immunization,
    meta: { profile: [profile('DDCCImmunization')] },
    text: narrative(`COVID-19 vaccine ${vaccination.mp}, dose ${vaccination.dn} of ${vaccination.sd}, ${vaccination.dt}`),
    extension: [
      { url: profile('DDCCVaccineBrand'), valueCoding: { system: euProducts, code: vaccination.mp } },
      { url: profile('DDCCVaccineMarketAuthorization'), valueCoding: { system: euHolders, code: vaccination.ma } },
      { url: profile('DDCCCountryOfVaccination'), valueCode: vaccination.co },
    ],
    status: 'completed',
    vaccineCode: { coding: [{ system: icd11, code: 'XM68M6', display: 'COVID-19 vaccines' }] },
    patient: { reference: url('patient') },
    occurrenceDateTime: vaccination.dt,
    location: { display: vaccination.is },
    protocolApplied: [
      {
        authority: { reference: url('organization') },
        targetDisease: [{ coding: [{ system: icd11, code: 'RA01', display: 'COVID-19' }] }],
        doseNumberPositiveInt: vaccination.dn,
        seriesDosesPositiveInt: vaccination.sd,
      },
    ],
  };
  const composition = {
    resourceType: 'Composition',
    id: ids.composition,
    meta: { profile: [profile('DDCCVSComposition')] },
    text: narrative(`Digital Documentation of COVID-19 Certificate ${vaccination.ci}`),
    identifier: { system: uvciSystem, value: vaccination.ci },
    status: certificate.status === 'valid' ? 'final' : 'entered-in-error',
    type: { coding: [{ system: 'http://loinc.org', code: '82593-5', display: 'Immunization summary report' }] },
    category: [{ coding: [{ system: `${ddccCanonical}/CodeSystem/DDCC-Composition-Category-CodeSystem`, code: 'ddcc-vs' }] }],
    subject: { reference: url('patient') },
    date: certificate.issuedAt,
    author: [{ reference: url('organization') }],
    title: 'International Certificate of Vaccination or Prophylaxis',
    attester: [{ mode: 'official', party: { reference: url('organization') } }],
    event: [{ period: { start: certificate.issuedAt, end: certificate.expiresAt } }],
    section: [
      {
        code: { coding: [{ system: 'http://loinc.org', code: '11369-6', display: 'History of Immunization Narrative' }] },
        focus: { reference: url('immunization') },
        entry: [{ reference: url('immunization') }],
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    id: ids.bundle,
    meta: { profile: [profile('DDCCDocument')] },
    identifier: { system: uvciSystem, value: vaccination.ci },
    type: 'document',
    timestamp: certificate.issuedAt,
    entry: [
      { fullUrl: url('composition'), resource: composition },
      { fullUrl: url('patient'), resource: patient },
      { fullUrl: url('organization'), resource: organization },
      { fullUrl: url('immunization'), resource: immunization },
    ],
  };
}

/**
 * The DCC vaccination payload (eu-dcc-schema 1.3.0) for a person's latest COVID-19 dose. Built from plain
 * data; the schema itself (reference-data/eu-dcc-schema) validates it in the tests.
 */
import { covid19Disease, euVaccineCodes, type CertifiableProduct } from './eu-value-sets';
import { icaoTransliterate, splitVietnameseName } from './icao-transliteration';

export const dccSchemaVersion = '1.3.0';
export const certificateIssuer = 'Ministry of Health of Viet Nam';
export const issuingCountry = 'VN';

export interface DccName {
  fn?: string;
  fnt: string;
  gn?: string;
  gnt?: string;
}

export interface DccVaccination {
  tg: string;
  vp: string;
  mp: string;
  ma: string;
  dn: number;
  sd: number;
  dt: string;
  co: string;
  is: string;
  ci: string;
}

export interface DigitalCovidCertificate {
  ver: string;
  nam: DccName;
  dob: string;
  v: [DccVaccination];
}

export interface CertificateHolder {
  fullName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
}

export interface CertifiedDose {
  vaccineCode: string;
  doseNumber: number;
  /** ISO 8601 with the site's offset; the certificate states the site's local date. */
  administeredAt: string;
}

export function dccName(fullName: string): DccName {
  const { familyName, givenName } = splitVietnameseName(fullName);
  const name: DccName = { fn: familyName.slice(0, 80), fnt: icaoTransliterate(familyName) };
  if (givenName) {
    name.gn = givenName.slice(0, 80);
    name.gnt = icaoTransliterate(givenName);
  }
  return name;
}

/**
 * `sd` is the primary series length; a booster beyond it states its own number as the total (3/3), which is
 * how the EU rules tell a booster from an incomplete series.
 */
export function buildVaccinationDcc(holder: CertificateHolder, dose: CertifiedDose, product: CertifiableProduct, uvci: string): DigitalCovidCertificate {
  const codes = euVaccineCodes(product);
  if (!codes) throw new Error(`${product.code} is not a COVID-19 vaccine; the DCC certifies COVID-19 vaccination only`);
  const seriesDoses = product.primarySeries.doses;
  return {
    ver: dccSchemaVersion,
    nam: dccName(holder.fullName),
    dob: holder.dateOfBirth,
    v: [
      {
        tg: covid19Disease,
        vp: codes.vp,
        mp: codes.mp,
        ma: codes.ma,
        dn: dose.doseNumber,
        sd: Math.max(seriesDoses, dose.doseNumber),
        dt: dose.administeredAt.slice(0, 10),
        co: issuingCountry,
        is: certificateIssuer,
        ci: uvci,
      },
    ],
  };
}

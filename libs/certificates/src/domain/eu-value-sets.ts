/**
 * The vaccine catalogue (`reference-data/vaccines.json`) in the EU DCC value sets (eu-dcc-schema
 * `valuesets/`, copied to `reference-data/eu-dcc-schema/valuesets/`): medicinal product `mp`, marketing
 * authorisation holder or manufacturer `ma`, vaccine type `vp`.
 *
 * A product the value sets do not list follows the value sets' rule for unlisted products, the one their
 * `http://ec.europa.eu/temp/…` entries were written by: its name with runs of other characters turned into
 * `-` (as "Sputnik-V", "Gamaleya-Research-Institute"), and `vp` J07BX03, the ATC group "covid-19 vaccines".
 */

export const covid19Disease = '840539006';
const atcCovid19Vaccines = 'J07BX03';
const mrnaVaccine = '1119349007';
const antigenVaccine = '1119305005';

export interface EuVaccineCodes {
  mp: string;
  ma: string;
  vp: string;
  /** True when a code came from the unlisted-product rule rather than the value sets. */
  unlisted: boolean;
}

/** Catalogue code → EU codes, for the products the EU value sets list. */
const listedProducts: Record<string, Omit<EuVaccineCodes, 'unlisted'>> = {
  VAXZEVRIA: { mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: atcCovid19Vaccines },
  COMIRNATY: { mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: mrnaVaccine },
  SPIKEVAX: { mp: 'EU/1/20/1507', ma: 'ORG-100031184', vp: mrnaVaccine },
  JANSSEN: { mp: 'EU/1/20/1525', ma: 'ORG-100001417', vp: atcCovid19Vaccines },
  'BBIBP-CORV': { mp: 'BBIBP-CorV', ma: 'ORG-100020693', vp: atcCovid19Vaccines },
  'SPUTNIK-V': { mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: atcCovid19Vaccines },
  ABDALA: { mp: 'Abdala', ma: 'CIGB', vp: antigenVaccine },
};

/** What the certificate needs to know about a catalogue product (immunization's VaccineProduct fits). */
export interface CertifiableProduct {
  code: string;
  name: string;
  manufacturer: string;
  program: string;
  primarySeries: { doses: number };
}

export function unlistedValueSetCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(.*?\)/g, ' ')
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Null for products outside COVID-19 (the DCC certifies COVID-19 vaccination only). */
export function euVaccineCodes(product: CertifiableProduct): EuVaccineCodes | null {
  if (product.program !== 'covid19') return null;
  const listed = listedProducts[product.code];
  if (listed) return { ...listed, unlisted: false };
  return { mp: unlistedValueSetCode(product.name), ma: unlistedValueSetCode(product.manufacturer), vp: atcCovid19Vaccines, unlisted: true };
}

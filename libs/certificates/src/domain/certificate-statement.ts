/**
 * What a certificate states: the holder's name and birth date and one completed COVID-19 dose, as the DCC
 * without its identifier. Its hash (`statementKey`) tells whether an issued certificate is still true: a
 * certificate about dose 1 stays true when dose 2 is given, and stops being true when dose 1 is corrected
 * or voided, or the holder's name or birth date changes.
 */
import { createHash } from 'node:crypto';
import { buildVaccinationDcc, type CertificateHolder, type DigitalCovidCertificate } from './dcc-payload';
import { euVaccineCodes, type CertifiableProduct } from './eu-value-sets';

export interface DoseOnRecord {
  doseId: string;
  vaccineCode: string;
  doseNumber: number;
  administeredAt: string;
  lotNumber: string;
  status: 'completed' | 'voided';
}

export interface CertificateStatement {
  dose: DoseOnRecord;
  product: CertifiableProduct;
  statementKey: string;
  /** The payload with the UVCI still to be filled in. */
  build(uvci: string): DigitalCovidCertificate;
}

const placeholderUvci = 'URN:UVCI:01:VN:STATEMENT';

/** The doses a certificate may state: completed, COVID-19, of a lot not revoked; oldest first. */
export function certifiableDoses(
  doses: readonly DoseOnRecord[],
  findProduct: (code: string) => CertifiableProduct | undefined,
  revokedLots: ReadonlySet<string>,
): Array<{ dose: DoseOnRecord; product: CertifiableProduct }> {
  return doses
    .filter((d) => d.status === 'completed' && !revokedLots.has(d.lotNumber))
    .map((dose) => ({ dose, product: findProduct(dose.vaccineCode) }))
    .filter((x): x is { dose: DoseOnRecord; product: CertifiableProduct } => !!x.product && euVaccineCodes(x.product) !== null)
    .sort((a, b) => a.dose.doseNumber - b.dose.doseNumber || Date.parse(a.dose.administeredAt) - Date.parse(b.dose.administeredAt));
}

export function statementFor(holder: CertificateHolder, dose: DoseOnRecord, product: CertifiableProduct): CertificateStatement {
  const build = (uvci: string) => buildVaccinationDcc(holder, dose, product, uvci);
  // The lot is not in the DCC, but a certificate rests on it (lot revocation), so it is part of the statement.
  const statementKey = createHash('sha256').update(JSON.stringify({ dcc: build(placeholderUvci), doseId: dose.doseId, lot: dose.lotNumber })).digest('hex');
  return { dose, product, statementKey, build };
}

/** The statement of the latest certifiable dose, or null when there is none. */
export function latestStatement(
  holder: CertificateHolder,
  doses: readonly DoseOnRecord[],
  findProduct: (code: string) => CertifiableProduct | undefined,
  revokedLots: ReadonlySet<string>,
): CertificateStatement | null {
  const certifiable = certifiableDoses(doses, findProduct, revokedLots);
  const latest = certifiable[certifiable.length - 1];
  return latest ? statementFor(holder, latest.dose, latest.product) : null;
}

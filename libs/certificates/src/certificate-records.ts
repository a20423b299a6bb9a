/**
 * Issues and revises a subject's certificates: reads the holder (registry) and the doses (the immunization
 * record), works out the current statement, signs, and appends to the subject's certificate stream. Used by
 * the HTTP issue use case, the lifecycle consumer and lot revocation alike, so every path signs the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { doseRecordDecider, findVaccine, immunizationStreamId, type VaccineCatalogue } from '@vaxledger/immunization';
import { type Clock, CommandHandler, type CommandMetadata, type EventStore, newId, notFound, ruleBroken } from '@vaxledger/kernel';
import type { CertificateHolderDirectory, CertificateHolderRecord } from './certificate-holders';
import type { LoadedSigner } from './document-signer-store';
import {
  type CertificateCommand,
  certificateRecordDecider,
  type CertificateRecordState,
  type CertificateView,
  lotRevocationDecider,
  type NewCertificate,
} from './domain/certificate-record.decider';
import { type CertificateEvent, certificateStreamId, type LotRevoked, lotStreamId, type RevocationReason } from './domain/certificate-record.events';
import { type CertificateStatement, certifiableDoses, type DoseOnRecord, latestStatement, statementFor } from './domain/certificate-statement';
import { issuingCountry } from './domain/dcc-payload';
import { encodeHcert } from './domain/hcert';
import { uvciRevocationHash } from './domain/hcert-verifier';
import { buildUvci } from './domain/uvci';

export const lotKey = (lotNumber: string) => createHash('sha256').update(`lot:${lotNumber.trim().toUpperCase()}`).digest('hex').slice(0, 40);
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomOpaque(): string {
  return [...randomBytes(16)].map((b) => crockford[b % 32]).join('');
}

export interface CertificateRecordsOptions {
  validityDays: number;
}

export class CertificateRecords {
  readonly certificates: CommandHandler<CertificateCommand, CertificateRecordState, CertificateEvent>;
  readonly lots: CommandHandler<{ type: 'RevokeLot'; lotNumber: string; reason: string; now: Date }, { revoked: boolean }, LotRevoked>;
  private readonly immunization: CommandHandler<unknown, ReturnType<typeof doseRecordDecider.initialState>, never>;

  constructor(
    private readonly eventStore: EventStore,
    private readonly holders: CertificateHolderDirectory,
    private readonly catalogue: VaccineCatalogue,
    private readonly signer: LoadedSigner,
    private readonly clock: Clock,
    private readonly options: CertificateRecordsOptions,
  ) {
    this.certificates = new CommandHandler(eventStore, certificateRecordDecider);
    this.lots = new CommandHandler(eventStore, lotRevocationDecider);
    // Read only: the certificates never write to the immunization record.
    this.immunization = new CommandHandler(eventStore, doseRecordDecider as never);
  }

  async list(subjectId: string): Promise<CertificateView[]> {
    const { state } = await this.certificates.load(certificateStreamId(subjectId));
    return state.certificates;
  }

  async holderOrThrow(subjectId: string): Promise<CertificateHolderRecord> {
    const holder = await this.holders.holder(subjectId);
    if (!holder) throw notFound('subject_not_found', 'No subject with this id.');
    return holder;
  }

  /** The doses on the subject's immunization record, as the certificate reads them. */
  async doses(subjectId: string): Promise<DoseOnRecord[]> {
    const { state } = await this.immunization.load(immunizationStreamId(subjectId));
    return state.doses.map((d) => ({ doseId: d.doseId, vaccineCode: d.vaccineCode, doseNumber: d.doseNumber, administeredAt: d.administeredAt, lotNumber: d.lotNumber, status: d.status }));
  }

  async isLotRevoked(lotNumber: string): Promise<boolean> {
    const { state } = await this.lots.load(lotStreamId(lotKey(lotNumber)));
    return state.revoked;
  }

  private async revokedLotsAmong(doses: readonly DoseOnRecord[]): Promise<Set<string>> {
    const revoked = new Set<string>();
    for (const lot of new Set(doses.map((d) => d.lotNumber))) if (await this.isLotRevoked(lot)) revoked.add(lot);
    return revoked;
  }

  private readonly findProduct = (code: string) => findVaccine(this.catalogue, code);

  /** Issues a certificate for the subject's latest certifiable dose. */
  async issue(subjectId: string, meta: CommandMetadata): Promise<CertificateView> {
    const holder = await this.holderOrThrow(subjectId);
    if (holder.status === 'merged') throw ruleBroken('subject_merged', 'This record was merged into another; issue for the surviving record.');
    const doses = await this.doses(subjectId);
    const statement = latestStatement(holder, doses, this.findProduct, await this.revokedLotsAmong(doses));
    if (!statement) throw ruleBroken('nothing_to_certify', 'The record holds no completed COVID-19 dose that a certificate can state.');
    const certificate = this.sign(subjectId, statement, meta.now);
    const result = await this.certificates.handle(certificateStreamId(subjectId), { type: 'IssueCertificate', certificate }, meta);
    return result.state.certificates.find((c) => c.certificateId === certificate.certificateId)!;
  }

  /**
   * Compares each valid certificate with the record: one whose dose was corrected is replaced by a certificate
   * of the corrected dose; one whose dose is gone (voided, lot revoked) by one of the latest certifiable dose;
   * a changed name or birth date replaces them all; a merged-away holder's are revoked without replacement.
   * Nothing happens when every valid certificate is still true (so a replayed event changes nothing).
   */
  async revise(subjectId: string, reason: Exclude<RevocationReason, 'lot_revoked'>, detail: string, meta: CommandMetadata): Promise<void> {
    const { state } = await this.certificates.load(certificateStreamId(subjectId));
    const valid = state.certificates.filter((c) => c.status === 'valid');
    if (valid.length === 0) return;
    const holder = await this.holders.holder(subjectId);
    const active = holder?.status === 'active' ? holder : null;
    const doses = active ? await this.doses(subjectId) : [];
    const certifiable = certifiableDoses(doses, this.findProduct, await this.revokedLotsAmong(doses));
    const latest = certifiable[certifiable.length - 1];
    const outdated: Array<{ certificateId: string; statementKey: string }> = [];
    const replacements = new Map<string, CertificateStatement>();
    for (const certificate of valid) {
      const same = active ? certifiable.find((x) => x.dose.doseId === certificate.doseId) : undefined;
      const current = active && same ? statementFor(active, same.dose, same.product) : active && latest ? statementFor(active, latest.dose, latest.product) : null;
      if (current && same && current.statementKey === certificate.statementKey) continue;
      outdated.push({ certificateId: certificate.certificateId, statementKey: certificate.statementKey });
      if (current) replacements.set(current.statementKey, current);
    }
    if (outdated.length === 0) return;
    await this.certificates.handle(
      certificateStreamId(subjectId),
      { type: 'ReviseCertificates', subjectId, outdated, replacements: [...replacements.values()].map((s) => this.sign(subjectId, s, meta.now)), reason, detail, now: meta.now },
      meta,
    );
  }

  async revokeOnLot(subjectId: string, lotNumber: string, detail: string, meta: CommandMetadata): Promise<number> {
    const result = await this.certificates.handle(certificateStreamId(subjectId), { type: 'RevokeCertificatesOnLot', subjectId, lotNumber, detail, now: meta.now }, meta);
    return result.events.length;
  }

  private sign(subjectId: string, statement: CertificateStatement, now: Date): NewCertificate {
    const uvci = buildUvci(randomOpaque());
    const dcc = statement.build(uvci);
    const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const wanted = issuedAt.getTime() + this.options.validityDays * 86_400_000;
    // A certificate never outlives the key that signed it: verifiers would refuse it anyway.
    const expiresAt = new Date(Math.min(wanted, this.signer.validTo.getTime()));
    const hc1 = encodeHcert(dcc, this.signer, { issuerCountry: issuingCountry, issuedAt, expiresAt });
    return {
      subjectId,
      certificateId: newId(),
      uvci,
      uvciHash: uvciRevocationHash(uvci),
      hc1,
      statementKey: statement.statementKey,
      doseId: statement.dose.doseId,
      lotNumber: statement.dose.lotNumber,
      vaccineCode: statement.dose.vaccineCode,
      doseNumber: statement.dose.doseNumber,
      issuedAt: issuedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      kid: this.signer.kid,
    };
  }

  get clockNow(): Date {
    return this.clock.now();
  }
}

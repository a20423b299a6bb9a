/**
 * Bulk registration of legacy subjects from CSV, through the same deciders and reservation streams as
 * `POST /subjects`, so an imported subject is indistinguishable from one a clerk registered.
 *
 * Idempotent and resumable: a row's identity is its ID-document reservation (`id-document-<HMAC>`), so a row
 * whose document is already reserved by an existing subject is skipped. Rows go in batches, two durable
 * commits per batch: first every reservation (each naming its new subject id), then every subject stream.
 * A crash between the two leaves reservations pointing at subjects that do not exist yet; the next run finds
 * them and completes exactly those subjects under the reserved ids. Nothing is added twice.
 */
import { createWriteStream, existsSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import {
  newId,
  withMetadata,
  type AppendRequest,
  type Clock,
  type CommandMetadata,
  type EventStore,
} from '@vaxledger/kernel';
import { idDocumentReservationDecider } from '../domain/id-document-reservation.decider';
import { isDomainError } from '../domain/registry-errors';
import { subjectDecider } from '../domain/subject.decider';
import { subjectStreamId } from '../domain/subject.events';
import type { SubjectProfile } from '../domain/subject-profile';
import type { LookupHasher } from '../privacy/lookup-hasher';
import type { SubjectStreams } from '../subject-streams';
import { readCheckedRows, type CheckedRowSource } from './checked-rows';
import { importColumns, type ImportRow } from './import-row';

export interface ImportFacility {
  facilityId: string;
  provinceCode: string | null;
}

export interface ImportProgress {
  rowsRead: number;
  imported: number;
  alreadyPresent: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary extends ImportProgress {
  durationMs: number;
  rejectedReport: string | null;
}

export interface ImportOptions {
  /** Facility for rows without a `facility` column value. */
  defaultFacility: ImportFacility | null;
  /** Resolves a row's `facility` column (code or id); null when unknown. */
  resolveFacility: (codeOrId: string) => Promise<ImportFacility | null>;
  /** Where rejected rows go, with their line number and reasons (default `<file>.rejected.csv`). */
  rejectedReportPath?: string;
  batchSize?: number;
  /** Where parsed and checked rows come from (a worker thread in the CLI); this thread by default. */
  checkedRows?: CheckedRowSource;
  onProgress?: (progress: ImportProgress) => void;
}

interface Candidate {
  line: number;
  profile: SubjectProfile;
  facility: ImportFacility;
  documentStream: string;
  subjectId: string;
}

/**
 * `<file>.rejected.csv`: each refused row as it was, with its line number and reasons. Rewritten by every run
 * (every row is validated again), created only when a row is refused. Rejected rows are the operator's own
 * data: the file is readable by the operator only.
 */
class RejectedRowsReport {
  private output: WriteStream | null = null;
  private header: string[] = [];

  constructor(readonly path: string) {
    if (existsSync(path)) rmSync(path);
  }

  add(row: ImportRow, line: number, reason: string): void {
    if (!this.output) {
      this.output = createWriteStream(this.path, { mode: 0o600 });
      this.header = [...new Set([...importColumns, ...Object.keys(row)])];
      this.output.write(stringify([['line', ...this.header, 'reason']]));
    }
    this.output.write(stringify([[String(line), ...this.header.map((column) => row[column] ?? ''), reason]]));
  }

  close(): Promise<void> {
    const output = this.output;
    if (!output) return Promise.resolve();
    return new Promise((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** The operator's tool writes as the system, with the facility it imports for. */
export const importActorAccountId = 'system:subject-import';

export class SubjectCsvImporter {
  constructor(
    private readonly store: EventStore,
    private readonly streams: SubjectStreams,
    private readonly hasher: LookupHasher,
    private readonly clock: Clock,
  ) {}

  async importFile(file: string, options: ImportOptions): Promise<ImportSummary> {
    const started = Date.now();
    const importId = newId();
    const totalBytes = statSync(file).size;
    const reportPath = options.rejectedReportPath ?? `${file}.rejected.csv`;
    const progress: ImportProgress = { rowsRead: 0, imported: 0, alreadyPresent: 0, rejected: 0, bytesRead: 0, totalBytes };
    const batchSize = options.batchSize ?? 2000;
    const facilities = new Map<string, ImportFacility | null>();
    const report = new RejectedRowsReport(reportPath);
    const reject = (row: ImportRow, line: number, reason: string) => {
      progress.rejected++;
      report.add(row, line, reason);
    };

    const facilityOf = async (named: string | null): Promise<ImportFacility | null> => {
      if (!named) return options.defaultFacility;
      if (!facilities.has(named)) facilities.set(named, await options.resolveFacility(named));
      return facilities.get(named)!;
    };

    const source =
      options.checkedRows ?? ((path, rowOptions) => readCheckedRows(path, this.hasher, this.clock, rowOptions));
    let batch: Candidate[] = [];
    const documentsInBatch = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      await this.commitBatch(batch, importId, progress);
      batch = [];
      documentsInBatch.clear();
      options.onProgress?.({ ...progress });
    };

    const rowOptions = { batchSize, keepRecordsWithoutFacility: options.defaultFacility === null };
    for await (const checkedBatch of source(file, rowOptions)) {
      progress.bytesRead = checkedBatch.bytesRead;
      for (const { line, facilityName, record, checked } of checkedBatch.rows) {
        progress.rowsRead++;
        const facility = await facilityOf(facilityName);
        if (!facility) {
          reject(record!, line, facilityName ? `facility: unknown facility "${record!.facility}"` : 'facility: none given (column or --facility)');
          continue;
        }
        if (!checked.ok) {
          reject(record!, line, checked.reason);
          continue;
        }
        const { documentStream, profile } = checked;
        // A second row with the same document in one batch would race its own reservation: it is the same row again.
        if (documentsInBatch.has(documentStream)) {
          progress.alreadyPresent++;
          continue;
        }
        documentsInBatch.add(documentStream);
        batch.push({ line, profile, facility, documentStream, subjectId: newId() });
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    progress.bytesRead = totalBytes;
    await report.close();
    return { ...progress, durationMs: Date.now() - started, rejectedReport: progress.rejected > 0 ? reportPath : null };
  }

  private metaFor(candidate: Candidate, importId: string, now: Date): CommandMetadata {
    return {
      actor: { accountId: importActorAccountId, facilityId: candidate.facility.facilityId, provinceCode: candidate.facility.provinceCode },
      now,
      correlationId: importId,
    };
  }

  private async commitBatch(batch: Candidate[], importId: string, progress: ImportProgress): Promise<void> {
    const now = this.clock.now();
    const toCreate = this.store.appendMany ? await this.reserveInBulk(batch, importId, now) : await this.reserveOneByOne(batch, importId, now);
    progress.alreadyPresent += batch.length - toCreate.length;
    const requests: AppendRequest[] = toCreate.map((candidate) => ({
      streamId: subjectStreamId(candidate.subjectId),
      expected: 'no_stream',
      events: withMetadata(
        subjectDecider.decide(
          {
            type: 'RegisterSubject',
            subjectId: candidate.subjectId,
            profile: candidate.profile,
            facilityId: candidate.facility.facilityId,
            provinceCode: candidate.facility.provinceCode,
            via: 'import',
          },
          subjectDecider.initialState(),
        ),
        this.metaFor(candidate, importId, now),
      ),
    }));
    const outcomes = await this.appendAll(requests);
    for (const outcome of outcomes) {
      if (outcome) progress.imported++;
      // The subject stream exists already: an adopted reservation was completed by someone else meanwhile.
      else progress.alreadyPresent++;
    }
  }

  /** One durable commit for the whole batch; refused reservations are looked at one by one. */
  private async reserveInBulk(batch: Candidate[], importId: string, now: Date): Promise<Candidate[]> {
    const requests: AppendRequest[] = batch.map((candidate) => ({
      streamId: candidate.documentStream,
      expected: 'no_stream',
      events: withMetadata(
        idDocumentReservationDecider.decide(
          { type: 'ReserveIdDocument', subjectId: candidate.subjectId, documentType: candidate.profile.idDocument.type },
          idDocumentReservationDecider.initialState(),
        ),
        this.metaFor(candidate, importId, now),
      ),
    }));
    const outcomes = await this.store.appendMany!(requests);
    const reserved: Candidate[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.ok) reserved.push(batch[i]);
      else {
        const resolved = await this.reserveExisting(batch[i], importId, now);
        if (resolved) reserved.push(resolved);
      }
    }
    return reserved;
  }

  private async reserveOneByOne(batch: Candidate[], importId: string, now: Date): Promise<Candidate[]> {
    const reserved: Candidate[] = [];
    for (const candidate of batch) {
      const resolved = await this.reserveExisting(candidate, importId, now);
      if (resolved) reserved.push(resolved);
    }
    return reserved;
  }

  /**
   * The document is already reserved: skip the row when its subject exists, or adopt the reserved subject id
   * when that subject was never created (an earlier run stopped between its two commits).
   */
  private async reserveExisting(candidate: Candidate, importId: string, now: Date): Promise<Candidate | null> {
    try {
      const subjectId = await this.streams.reserveDocument(candidate.profile.idDocument, candidate.subjectId, 'register', this.metaFor(candidate, importId, now));
      return { ...candidate, subjectId };
    } catch (error) {
      if (isDomainError(error, 'subject_already_registered')) return null;
      throw error;
    }
  }

  /** true per request that created its stream. */
  private async appendAll(requests: AppendRequest[]): Promise<boolean[]> {
    if (this.store.appendMany) return (await this.store.appendMany(requests)).map((outcome) => outcome.ok);
    const results: boolean[] = [];
    for (const request of requests) {
      try {
        await this.store.append(request.streamId, request.events, request.expected);
        results.push(true);
      } catch (error) {
        if (isDomainError(error, 'CONCURRENCY_CONFLICT')) results.push(false);
        else throw error;
      }
    }
    return results;
  }
}

import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { validationError, type Clock, type ReadModelCollection } from '@vaxledger/kernel';
import type { AccessRecorder } from '../access-records/access-recorder';
import { nameKeyOf, normalisePersonalName } from '../domain/personal-name';
import { normaliseIdNumber, normalisePhone } from '../domain/subject-profile';
import type { LookupHasher } from '../privacy/lookup-hasher';
import { summariseDoses } from '../read-models/dose-summaries.consumer';
import type { DoseSummaryDocument, SubjectLookupDocument } from '../read-models/registry-collections';
import { requireRecordReader } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import type { SearchRateLimiter } from './search-rate-limiter';
import { searchSubjectsSchema, type MaskedSubject } from './search-subjects.query';

const maximumResults = 20;

export const searchCriteriaInvalid = () =>
  validationError(
    'search_criteria_invalid',
    'Search by full name and phone, or by full name and ID document number: exactly these two fields.',
  );

/**
 * POST /subjects/search. Exact match on the folded name key plus a keyed hash of the phone or ID number:
 * never by prefix, never by one field. Results are masked; every search is recorded (R8) and rate-limited.
 */
export class SearchSubjectsHandler {
  constructor(
    private readonly lookup: ReadModelCollection<SubjectLookupDocument>,
    private readonly doseSummaries: ReadModelCollection<DoseSummaryDocument>,
    private readonly hasher: LookupHasher,
    private readonly limiter: SearchRateLimiter,
    private readonly access: AccessRecorder,
    private readonly streams: SubjectStreams,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<{ items: MaskedSubject[] }> {
    requireRecordReader(principal);
    const parsed = searchSubjectsSchema.safeParse(body ?? {});
    if (!parsed.success) throw searchCriteriaInvalid();
    const query = parsed.data;
    const now = this.clock.now();
    await this.limiter.take(principal.accountId, now);

    // A name without a letter or digit has an empty key, which no registered name has: it finds no one.
    const nameKey = nameKeyOf(normalisePersonalName(query.fullName));
    let criteria: string;
    let hits: SubjectLookupDocument[];
    if (nameKey === '') {
      criteria = 'phone' in query ? 'fullName+phone' : 'fullName+idNumber';
      hits = [];
    } else if ('phone' in query) {
      criteria = 'fullName+phone';
      const phone = normalisePhone(query.phone);
      hits = phone ? await this.lookup.find({ nameKey, phoneHash: this.hasher.phoneHash(phone) }, { limit: maximumResults }) : [];
    } else {
      criteria = 'fullName+idNumber';
      const idNumberHash = this.hasher.idNumberHash(normaliseIdNumber(query.idNumber));
      hits = await this.lookup.find({ nameKey, idNumberHash }, { limit: maximumResults });
    }

    const subjects = await this.withinScope(principal, await this.resolveMerged(hits));
    const doseDocs = subjects.length ? await this.doseSummaries.find({ id: { $in: subjects.map((s) => s.id) } }) : [];
    const dosesById = new Map(doseDocs.map((doc) => [doc.id, doc]));
    await this.access.record(principal, origin, now, {
      action: 'subject.search',
      subjectIds: subjects.map((s) => s.id),
      criteria,
    });
    return {
      items: subjects.map((s) => ({
        subjectId: s.id,
        fullName: s.fullName,
        birthYear: s.birthYear,
        gender: s.gender,
        phone: s.phoneMasked,
        idDocument: { type: s.idDocumentType, number: s.idNumberMasked },
        address: { provinceCode: s.provinceCode, districtCode: s.districtCode },
        managingFacilityId: s.managingFacilityId,
        doseSummary: summariseDoses(dosesById.get(s.id) ?? null),
      })),
    };
  }

  /**
   * Facility accounts and the national admin search nationwide (people are vaccinated anywhere); a province
   * admin finds only subjects managed in its own province.
   */
  private async withinScope(principal: Principal, subjects: SubjectLookupDocument[]): Promise<SubjectLookupDocument[]> {
    if (principal.role !== 'province_admin') return subjects;
    const inProvince: SubjectLookupDocument[] = [];
    for (const subject of subjects) {
      const managingProvince =
        subject.managingProvinceCode !== undefined
          ? subject.managingProvinceCode
          : (await this.streams.load(subject.id)).state.managingProvinceCode;
      if (principal.provinceCode !== null && managingProvince === principal.provinceCode) inProvince.push(subject);
    }
    return inProvince;
  }

  /** A hit on a merged-away record stands for the surviving record; each subject appears once. */
  private async resolveMerged(hits: SubjectLookupDocument[]): Promise<SubjectLookupDocument[]> {
    const result = new Map<string, SubjectLookupDocument>();
    for (const hit of hits) {
      if (!hit.mergedInto) {
        result.set(hit.id, hit);
        continue;
      }
      if (result.has(hit.mergedInto)) continue;
      const survivor = await this.lookup.get(hit.mergedInto);
      if (survivor && !survivor.mergedInto) result.set(survivor.id, survivor);
    }
    return [...result.values()];
  }
}

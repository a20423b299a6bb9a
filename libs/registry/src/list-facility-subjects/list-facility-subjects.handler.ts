import { hasRole, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import type { Clock, FieldFilter, ReadModelCollection } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import type { AccessRecorder } from '../access-records/access-recorder';
import type { FacilityDirectoryDocument, FacilitySubjectDocument } from '../read-models/registry-collections';
import { listFacilitySubjectsSchema } from './list-facility-subjects.query';

/** GET /facilities/{id}/subjects: the subjects a facility manages (name, birth year; no identifiers). Audited. */
export class ListFacilitySubjectsHandler {
  constructor(
    private readonly facilitySubjects: ReadModelCollection<FacilitySubjectDocument>,
    private readonly facilities: ReadModelCollection<FacilityDirectoryDocument>,
    private readonly access: AccessRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, facilityId: string, query: unknown) {
    await this.requireFacilityScope(principal, facilityId);
    const { limit, after } = parseInput(listFacilitySubjectsSchema, query);
    const filter: FieldFilter = { managingFacilityId: facilityId, mergedInto: null };
    if (after) filter.id = { $gte: after };
    const page = (await this.facilitySubjects.find(filter, { sort: [['id', 1]], limit: limit + 2 }))
      .filter((doc) => doc.id !== after)
      .slice(0, limit + 1);
    const items = page.slice(0, limit);
    await this.access.record(principal, origin, this.clock.now(), {
      action: 'subject.list',
      subjectIds: items.map((doc) => doc.id),
    });
    return {
      items: items.map((doc) => ({
        subjectId: doc.id,
        fullName: doc.fullName,
        birthYear: doc.birthYear,
        gender: doc.gender,
        address: { provinceCode: doc.provinceCode, districtCode: doc.districtCode },
        registeredAt: doc.registeredAt,
      })),
      next: page.length > limit ? items[items.length - 1].id : null,
    };
  }

  private async requireFacilityScope(principal: Principal, facilityId: string): Promise<void> {
    if (hasRole(principal, 'national_admin')) return;
    if (hasRole(principal, 'facility_admin', 'staff') && principal.facilityId === facilityId) return;
    if (hasRole(principal, 'province_admin')) {
      const facility = await this.facilities.get(facilityId);
      if (facility && facility.provinceCode === principal.provinceCode) return;
    }
    throw outOfScope('This facility is outside your scope.');
  }
}

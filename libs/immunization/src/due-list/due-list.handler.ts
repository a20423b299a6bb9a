import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, type Clock, type EventStore, withMetadata } from '@vaxledger/kernel';
import { requireDueListReader } from '../access/immunization-scope';
import { longestDueWindowDays } from '../domain/dose-forecast';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import { type DueListRead, dueListAccessStreamId } from '../domain/due-list-access.events';
import type { FacilityDirectory } from '../facility-directory';
import { readDueList } from '../read-models/due-list.reader';
import type { ImmunizationReadModels } from '../read-models/immunization-read-models';
import type { SubjectContactDirectory } from '../subject-contacts';
import { parseDueListQuery, type DueListQuery } from './due-list.query';

/**
 * GET /facilities/{id}/due: the subjects a facility manages or booked whose next dose may be given on a day
 * (due) or is overdue by then. From the due-list read model; names from registry; every page audited.
 */
export class DueListHandler {
  constructor(
    private readonly eventStore: EventStore,
    private readonly contacts: SubjectContactDirectory,
    private readonly readModels: ImmunizationReadModels,
    private readonly facilities: FacilityDirectory,
    catalogue: VaccineCatalogue,
    private readonly clock: Clock,
  ) {
    this.dueWindowDays = longestDueWindowDays(catalogue);
  }

  private readonly dueWindowDays: number;

  async execute(principal: Principal, origin: RequestOrigin, facilityId: string, request: unknown) {
    const query = parseDueListQuery(request);
    requireDueListReader(principal, await this.facilities.locate(facilityId, principal));
    const page = await readDueList(await this.readModels.dueEntries(), { facilityId, ...query, longestDueWindowDays: this.dueWindowDays });
    const subjectIds = [...new Set(page.items.map((item) => item.subjectId))];
    await this.recordRead(principal, origin, facilityId, subjectIds, query);
    const names = subjectIds.length > 0 ? await this.contacts.namesOf(subjectIds) : new Map<string, string>();
    return {
      facilityId,
      on: query.on,
      items: page.items.map((item) => ({
        subjectId: item.subjectId,
        fullName: names.get(item.subjectId) ?? null,
        seriesGroup: item.seriesGroup,
        nextDoseNumber: item.nextDoseNumber,
        vaccineCode: item.vaccineCode,
        booster: item.boosterDue,
        earliest: item.earliest,
        recommended: item.recommended,
        overdueFrom: item.overdueFrom,
        status: item.status,
        via: item.via,
        bookedOn: item.bookedOn,
      })),
      next: page.next,
    };
  }

  /** Resolves once the access record is durable: a list that cannot be audited is not answered. */
  private async recordRead(principal: Principal, origin: RequestOrigin, facilityId: string, subjectIds: string[], query: DueListQuery): Promise<void> {
    const event: DueListRead = {
      type: 'DueListRead',
      data: {
        facilityId,
        subjectIds,
        on: query.on,
        status: query.status ?? null,
        accountId: principal.accountId,
        role: principal.role,
        actorFacilityId: principal.facilityId,
        actorProvinceCode: principal.provinceCode,
        purpose: origin.purpose,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
    };
    await this.eventStore.append(dueListAccessStreamId(facilityId), withMetadata([event], commandMetadata(principal, origin, this.clock.now())), 'any');
  }
}

import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import type { FacilityRegistered } from '../domain/facility.decider';
import type { IdentityViews } from './identity-views';

/** Facilities by province, for `GET /api/v1/facilities`. */
export class FacilitiesProjection implements Projection {
  readonly name = 'identity.facilities';
  readonly handles = new Set(['FacilityRegistered']);

  constructor(private readonly views: IdentityViews) {}

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'FacilityRegistered') return;
    const d = (event as unknown as FacilityRegistered).data;
    const facilities = await this.views.facilities();
    await facilities.upsert(
      { id: d.facilityId, code: d.code, name: d.name, provinceCode: d.provinceCode, districtCode: d.districtCode, registeredAt: d.registeredAt },
      event.position,
    );
  }

  async reset(): Promise<void> {
    await (await this.views.facilities()).clear();
  }
}

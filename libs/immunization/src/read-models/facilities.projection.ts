/** Facilities as identity announced them: province and district of a vaccination site, for scope and reporting. */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import type { FacilityNoted } from '../domain/known-facility';
import type { ImmunizationReadModels } from './immunization-read-models';

export class FacilitiesProjection implements Projection {
  readonly name = 'immunization-facilities';
  readonly handles: ReadonlySet<string> = new Set(['FacilityNoted']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(event: RecordedEvent): Promise<void> {
    const { facilityId, ...facility } = (event as unknown as FacilityNoted).data;
    if (!facilityId) return;
    await (await this.readModels.facilities()).upsert({ id: facilityId, ...facility }, event.position);
  }

  async reset(): Promise<void> {
    await (await this.readModels.facilities()).clear();
  }
}

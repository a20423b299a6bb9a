/** Where a facility is, from identity's announcements or, for the caller's own facility, from the caller's token. */
import type { Principal } from '@vaxledger/auth';
import type { ImmunizationReadModels } from './read-models/immunization-read-models';

export interface FacilityPlace {
  facilityId: string;
  provinceCode: string | null;
  districtCode: string | null;
}

export class FacilityDirectory {
  constructor(private readonly readModels: ImmunizationReadModels) {}

  async locate(facilityId: string, caller: Principal): Promise<FacilityPlace> {
    const known = await (await this.readModels.facilities()).get(facilityId);
    const ownFacility = caller.facilityId === facilityId;
    return {
      facilityId,
      provinceCode: known?.provinceCode ?? (ownFacility ? caller.provinceCode : null),
      districtCode: known?.districtCode ?? null,
    };
  }
}

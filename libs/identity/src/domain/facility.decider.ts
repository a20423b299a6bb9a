/** The facility aggregate (`facility-<uuidv7>`): a vaccination site and the province/district it belongs to. */
import type { Decider } from '@vaxledger/kernel';
import { conflict } from '@vaxledger/kernel';

export type FacilityRegistered = {
  type: 'FacilityRegistered';
  data: { facilityId: string; code: string; name: string; provinceCode: string; districtCode: string | null; registeredAt: string };
};

export type FacilityEvent = FacilityRegistered;

export interface FacilityState {
  facilityId: string | null;
  code: string | null;
  name: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

export type FacilityCommand = {
  type: 'RegisterFacility';
  facilityId: string;
  code: string;
  name: string;
  provinceCode: string;
  districtCode: string | null;
  now: Date;
};

export const facilityDecider: Decider<FacilityCommand, FacilityState, FacilityEvent> = {
  initialState: () => ({ facilityId: null, code: null, name: null, provinceCode: null, districtCode: null }),
  decide(command, state) {
    if (state.facilityId !== null) {
      if (state.facilityId === command.facilityId && state.code === command.code) return [];
      throw conflict('facility_exists', 'This facility is already registered.');
    }
    const { facilityId, code, name, provinceCode, districtCode } = command;
    return [
      {
        type: 'FacilityRegistered',
        data: { facilityId, code, name, provinceCode, districtCode, registeredAt: command.now.toISOString() },
      },
    ];
  },
  evolve(state, event) {
    if (event.type !== 'FacilityRegistered') return state;
    const { facilityId, code, name, provinceCode, districtCode } = event.data;
    return { facilityId, code, name, provinceCode, districtCode };
  },
};

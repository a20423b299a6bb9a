/**
 * Facilities as identity announced them, kept in this service's own log (stream `known-facility-<id>`) so the
 * facilities read model can be rebuilt from it like every other read model.
 */
import type { Decider, DomainEvent } from '@vaxledger/kernel';

export interface KnownFacility {
  facilityId: string;
  code: string | null;
  name: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

export type FacilityNoted = DomainEvent<'FacilityNoted', KnownFacility>;
export type NoteFacility = { type: 'NoteFacility'; facility: KnownFacility };

export const knownFacilityStreamId = (facilityId: string) => `known-facility-${facilityId}`;

export const knownFacilityDecider: Decider<NoteFacility, KnownFacility | null, FacilityNoted> = {
  initialState: () => null,
  decide(command, state) {
    // A later announcement may name only what changed: known values are kept unless replaced.
    const merged: KnownFacility = { ...command.facility };
    for (const key of ['code', 'name', 'provinceCode', 'districtCode'] as const) merged[key] = command.facility[key] ?? state?.[key] ?? null;
    // Redelivered or unchanged announcements add nothing.
    if (state && JSON.stringify(state) === JSON.stringify(merged)) return [];
    return [{ type: 'FacilityNoted', data: merged }];
  },
  evolve: (_state, event) => event.data,
};

/**
 * Lists most screens need — the vaccine catalogue and the facilities the account may see — loaded once per
 * session and shared, so facility ids show as names and vaccines as products everywhere.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import type { Facility, FacilityList, VaccineCatalogue, VaccineProduct } from '../api/contract';
import { useSession } from '../session/session';

const cache = new Map<string, Promise<unknown>>();

function shared<T>(key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load().catch((error) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, pending);
  }
  return pending;
}

/** Forget lists after signing out or in as someone else. */
export function forgetSharedLists(): void {
  cache.clear();
}

function useShared<T>(key: string | null, load: (api: ApiClient) => Promise<T>, empty: T): T {
  const { api } = useSession();
  const [value, setValue] = useState<T>(empty);
  useEffect(() => {
    if (!key) return;
    let current = true;
    shared(key, () => load(api))
      .then((loaded) => current && setValue(loaded))
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  return value;
}

export function useVaccines(): VaccineProduct[] {
  const { principal } = useSession();
  return useShared(
    principal ? `vaccines:${principal.accountId}` : null,
    async (api) => (await api.get<VaccineCatalogue>('/vaccines')).items,
    [] as VaccineProduct[],
  );
}

/** Facilities the account may list: its own province, or all for national roles. */
export function useFacilities(): Facility[] {
  const { principal } = useSession();
  const key = principal && principal.role !== 'reporter' ? `facilities:${principal.accountId}` : null;
  return useShared(key, async (api) => (await api.get<FacilityList>('/facilities')).items, [] as Facility[]);
}

export function refreshFacilities(accountId: string): void {
  cache.delete(`facilities:${accountId}`);
}

/** A facility id as its name (and code) when known, else a short form of the id. */
export function useFacilityLabel(): (facilityId: string | null | undefined) => string {
  const facilities = useFacilities();
  return (facilityId) => {
    if (!facilityId) return '—';
    const facility = facilities.find((f) => f.id === facilityId);
    return facility ? `${facility.name} (${facility.code})` : `#${facilityId.slice(-8)}`;
  };
}

export function useVaccineName(): (code: string) => string {
  const vaccines = useVaccines();
  return (code) => vaccines.find((v) => v.code === code)?.name ?? code;
}

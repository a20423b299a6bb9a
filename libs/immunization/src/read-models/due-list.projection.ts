/**
 * The due list: for every subject with a started series, the next dose's dates, filed under each facility that
 * manages the subject or booked them in one of its plans. Each event of a subject's record recomputes that
 * subject's forecast from a per-subject memo (no stream reads), then replaces the subject's entries. The memo
 * keeps the position it last applied, so a replay after a crash changes nothing twice.
 */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { forecastDoses } from '../domain/dose-forecast';
import type { DoseSnapshot, ImmunizationRecordEvent } from '../domain/immunization-record.events';
import type { VaccinationPlanned } from '../domain/vaccination-plan.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { DueEntryView, DuePlanMemo, DueSubjectMemo, ImmunizationReadModels } from './immunization-read-models';

const subjectEvents = new Set([
  'DoseRecorded',
  'DoseCorrected',
  'DoseVoided',
  'SubjectFactsNoted',
  'DoseBooked',
  'DoseBookingReleased',
  'DosesTransferredOut',
  'DosesTransferredIn',
]);

export const dueEntryId = (facilityId: string, subjectId: string, seriesGroup: string) => `${facilityId}|${subjectId}|${seriesGroup}`;

export class DueListProjection implements Projection {
  readonly name = 'immunization-due-list';
  readonly handles: ReadonlySet<string> = new Set([...subjectEvents, 'VaccinationPlanned']);

  constructor(
    private readonly readModels: ImmunizationReadModels,
    private readonly catalogue: VaccineCatalogue,
  ) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const [memos, plans, entries] = await Promise.all([this.readModels.dueSubjects(), this.readModels.duePlans(), this.readModels.dueEntries()]);
    const memoCache = new Map<string, DueSubjectMemo | null>();
    const planCache = new Map<string, DuePlanMemo | null>();
    const touched = new Map<string, { memo: DueSubjectMemo; position: number; previousEntryIds: string[] }>();
    const newPlans: Array<{ doc: DuePlanMemo; position: number }> = [];

    for (const event of events) {
      if (event.type === 'VaccinationPlanned') {
        const data = (event as unknown as VaccinationPlanned).data;
        if (!data?.planId || !data.facilityId) continue;
        const doc = { id: data.planId, facilityId: data.facilityId };
        planCache.set(doc.id, doc);
        newPlans.push({ doc, position: event.position });
        continue;
      }
      const subjectId = (event.data as { subjectId?: unknown })?.subjectId;
      if (typeof subjectId !== 'string') continue;
      if (!memoCache.has(subjectId)) memoCache.set(subjectId, await memos.get(subjectId));
      const stored = memoCache.get(subjectId) ?? null;
      if (stored && stored.appliedThrough >= event.position) continue;
      const memo: DueSubjectMemo = stored
        ? structuredClone(stored)
        : { id: subjectId, dateOfBirth: null, managingFacilityId: null, doses: {}, bookings: {}, entryIds: [], appliedThrough: -1 };
      const planFacility = async (planId: string) => {
        if (!planCache.has(planId)) planCache.set(planId, await plans.get(planId));
        return planCache.get(planId)?.facilityId ?? null;
      };
      await foldInto(memo, event as unknown as ImmunizationRecordEvent, planFacility);
      memo.appliedThrough = event.position;
      memoCache.set(subjectId, memo);
      const previous = touched.get(subjectId);
      touched.set(subjectId, { memo, position: event.position, previousEntryIds: previous?.previousEntryIds ?? stored?.entryIds ?? [] });
    }

    if (newPlans.length > 0) await plans.upsertMany(newPlans);
    const writes: Array<{ doc: DueEntryView; position: number }> = [];
    const deletes: Array<{ id: string; position: number }> = [];
    const memoWrites: Array<{ doc: DueSubjectMemo; position: number }> = [];
    for (const { memo, position, previousEntryIds } of touched.values()) {
      const next = entriesOf(memo, this.catalogue);
      memo.entryIds = next.map((entry) => entry.id);
      const keep = new Set(memo.entryIds);
      for (const id of previousEntryIds) if (!keep.has(id)) deletes.push({ id, position });
      for (const doc of next) writes.push({ doc, position });
      memoWrites.push({ doc: memo, position });
    }
    // Entries first, memo last: a crash in between replays the events against the old memo and lands the same.
    if (writes.length > 0) await entries.upsertMany(writes);
    for (const { id, position } of deletes) await entries.delete(id, position);
    if (memoWrites.length > 0) await memos.upsertMany(memoWrites);
  }

  async reset(): Promise<void> {
    await (await this.readModels.dueEntries()).clear();
    await (await this.readModels.dueSubjects()).clear();
    await (await this.readModels.duePlans()).clear();
  }
}

async function foldInto(memo: DueSubjectMemo, event: ImmunizationRecordEvent, planFacility: (planId: string) => Promise<string | null>): Promise<void> {
  switch (event.type) {
    case 'DoseRecorded':
    case 'DoseCorrected':
    case 'DoseVoided': {
      const dose = event.data as DoseSnapshot;
      memo.doses[dose.doseId] = {
        vaccineCode: dose.vaccineCode,
        seriesGroup: dose.seriesGroup,
        doseNumber: dose.doseNumber,
        administeredAt: dose.administeredAt,
        status: event.type === 'DoseVoided' ? 'voided' : 'completed',
      };
      // A dose given within a plan closes that booking, as in the record itself.
      if (event.type === 'DoseRecorded' && dose.planId && memo.bookings[dose.planId]) memo.bookings[dose.planId].open = false;
      return;
    }
    // A registry merge or unmerge: the doses leave one subject's forecast and join the other's.
    case 'DosesTransferredOut':
      for (const dose of event.data.doses) delete memo.doses[dose.doseId];
      return;
    case 'DosesTransferredIn':
      for (const dose of event.data.doses)
        memo.doses[dose.doseId] = {
          vaccineCode: dose.vaccineCode,
          seriesGroup: dose.seriesGroup,
          doseNumber: dose.doseNumber,
          administeredAt: dose.administeredAt,
          status: dose.status,
        };
      return;
    case 'SubjectFactsNoted':
      memo.dateOfBirth = event.data.facts.dateOfBirth ?? memo.dateOfBirth;
      memo.managingFacilityId = event.data.facts.managingFacilityId ?? memo.managingFacilityId;
      return;
    case 'DoseBooked':
      memo.bookings[event.data.planId] = { facilityId: await planFacility(event.data.planId), date: event.data.date, open: true };
      return;
    case 'DoseBookingReleased':
      if (memo.bookings[event.data.planId]) memo.bookings[event.data.planId].open = false;
      return;
    default:
      return;
  }
}

/** The subject's due entries: one per unfinished series and facility (managing, or holding an open booking). */
export function entriesOf(memo: DueSubjectMemo, catalogue: VaccineCatalogue): DueEntryView[] {
  const valid = Object.values(memo.doses).filter((dose) => dose.status === 'completed');
  if (valid.length === 0) return [];
  const forecasts = forecastDoses(valid, { catalogue, dateOfBirth: memo.dateOfBirth, on: '0000-01-01' }).filter((f) => f.nextDoseNumber !== null);
  const facilities = new Map<string, { via: 'managed' | 'booked'; bookedOn: string | null }>();
  if (memo.managingFacilityId) facilities.set(memo.managingFacilityId, { via: 'managed', bookedOn: null });
  for (const booking of Object.values(memo.bookings)) {
    if (!booking.open || !booking.facilityId) continue;
    const known = facilities.get(booking.facilityId);
    const bookedOn = known?.bookedOn && known.bookedOn > booking.date ? known.bookedOn : booking.date;
    facilities.set(booking.facilityId, { via: known?.via ?? 'booked', bookedOn });
  }
  const entries: DueEntryView[] = [];
  for (const forecast of forecasts) {
    for (const [facilityId, { via, bookedOn }] of facilities) {
      entries.push({
        id: dueEntryId(facilityId, memo.id, forecast.seriesGroup),
        facilityId,
        subjectId: memo.id,
        seriesGroup: forecast.seriesGroup,
        nextDoseNumber: forecast.nextDoseNumber!,
        vaccineCode: forecast.vaccineCode!,
        boosterDue: forecast.boosterDue,
        earliest: forecast.earliest!,
        recommended: forecast.recommended!,
        overdueFrom: forecast.overdueFrom!,
        overdueKey: `${forecast.overdueFrom}|${memo.id}|${forecast.seriesGroup}`,
        via,
        bookedOn,
      });
    }
  }
  return entries;
}

/** Every dose by plan and subject, so a plan shows who came (a dose recorded with its plan id) and who did not. */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { localDateOf } from '../domain/calendar';
import type { DoseSnapshot } from '../domain/immunization-record.events';
import type { ImmunizationReadModels } from './immunization-read-models';

export class DoseIndexProjection implements Projection {
  readonly name = 'immunization-dose-index';
  readonly handles: ReadonlySet<string> = new Set(['DoseRecorded', 'DoseCorrected', 'DoseVoided']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  /** One write for a page; two events of one dose in a page land in order (the position guard keeps the last). */
  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const items = events.flatMap((event) => {
      const dose = event.data as DoseSnapshot;
      if (!dose?.doseId) return [];
      return [
        {
          doc: {
            id: dose.doseId,
            subjectId: dose.subjectId,
            planId: dose.planId,
            vaccineCode: dose.vaccineCode,
            doseNumber: dose.doseNumber,
            date: localDateOf(dose.administeredAt),
            facilityId: dose.facilityId,
            status: event.type === 'DoseVoided' ? ('voided' as const) : ('completed' as const),
          },
          position: event.position,
        },
      ];
    });
    if (items.length > 0) await (await this.readModels.doses()).upsertMany(items);
  }

  async reset(): Promise<void> {
    await (await this.readModels.doses()).clear();
  }
}

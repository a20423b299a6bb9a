/** Every dose by plan and subject, so a plan shows who came (a dose recorded with its plan id) and who did not. */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import { localDateOf } from '../domain/calendar';
import type { DoseSnapshot, DoseStatus, DosesTransferredIn } from '../domain/immunization-record.events';
import type { ImmunizationReadModels } from './immunization-read-models';

const indexDoc = (dose: DoseSnapshot, status: DoseStatus) => ({
  id: dose.doseId,
  subjectId: dose.subjectId,
  planId: dose.planId,
  vaccineCode: dose.vaccineCode,
  doseNumber: dose.doseNumber,
  date: localDateOf(dose.administeredAt),
  facilityId: dose.facilityId,
  status,
});

export class DoseIndexProjection implements Projection {
  readonly name = 'immunization-dose-index';
  readonly handles: ReadonlySet<string> = new Set(['DoseRecorded', 'DoseCorrected', 'DoseVoided', 'DosesTransferredIn']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(event: RecordedEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  /** One write for a page; two events of one dose in a page land in order (the position guard keeps the last). */
  async applyBatch(events: RecordedEvent[]): Promise<void> {
    const items = events.flatMap((event) => {
      // A registry merge or unmerge: each dose is filed under the record it joined (the leaving half changes
      // nothing here; the joining one, later in the log, rewrites the subject).
      if (event.type === 'DosesTransferredIn') {
        const { doses } = (event as unknown as DosesTransferredIn).data;
        return doses.map((dose) => ({ doc: indexDoc(dose, dose.status), position: event.position }));
      }
      const dose = event.data as DoseSnapshot;
      if (!dose?.doseId) return [];
      return [
        {
          doc: indexDoc(dose, event.type === 'DoseVoided' ? 'voided' : 'completed'),
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

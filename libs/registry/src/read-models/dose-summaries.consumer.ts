/**
 * A subject's dose summary, fed by immunization's `vaxledger.immunization.record.v1` messages
 * (`vaxledger.immunization.dose.recorded` / `.voided` / `.corrected`, data `{subjectId, doseId, vaccineCode,
 * doseNumber, administeredAt, status}`). Kept in its own collection so bus-fed writes never race the
 * event-log projections over one document; search and read join it by subject id.
 */
import { EventPattern } from '@nestjs/microservices';
import type { CloudEvent, ReadModelCollection } from '@vaxledger/kernel';
import { Topics } from '@vaxledger/contracts';
import type { DoseSummaryDocument, RecordedDose } from './registry-collections';

interface DoseMessage {
  subjectId?: unknown;
  doseId?: unknown;
  vaccineCode?: unknown;
  doseNumber?: unknown;
  administeredAt?: unknown;
  status?: unknown;
}

export interface DoseSummary {
  dosesRecorded: number;
  lastVaccineCode: string | null;
  lastAdministeredAt: string | null;
  highestDoseNumber: number | null;
}

export const emptyDoseSummary: DoseSummary = {
  dosesRecorded: 0,
  lastVaccineCode: null,
  lastAdministeredAt: null,
  highestDoseNumber: null,
};

export function summariseDoses(doc: DoseSummaryDocument | null): DoseSummary {
  if (!doc) return emptyDoseSummary;
  const valid = Object.values(doc.doses).filter((dose) => dose.status !== 'voided');
  if (valid.length === 0) return emptyDoseSummary;
  const latest = valid.reduce((a, b) => ((a.administeredAt ?? '') >= (b.administeredAt ?? '') ? a : b));
  const numbers = valid.map((dose) => dose.doseNumber).filter((n): n is number => typeof n === 'number');
  return {
    dosesRecorded: valid.length,
    lastVaccineCode: latest.vaccineCode,
    lastAdministeredAt: latest.administeredAt,
    highestDoseNumber: numbers.length ? Math.max(...numbers) : null,
  };
}

export class DoseSummariesConsumer {
  constructor(private readonly summaries: ReadModelCollection<DoseSummaryDocument>) {}

  @EventPattern(Topics.immunizationRecord, { group: 'dose-summaries' })
  async handle(message: CloudEvent): Promise<void> {
    if (!message.type.startsWith('vaxledger.immunization.dose.')) return;
    const data = (message.data ?? {}) as DoseMessage;
    if (typeof data.subjectId !== 'string' || typeof data.doseId !== 'string') return;
    const voided = message.type.endsWith('.voided');
    const dose: RecordedDose = {
      vaccineCode: typeof data.vaccineCode === 'string' ? data.vaccineCode : 'unknown',
      doseNumber: typeof data.doseNumber === 'number' ? data.doseNumber : null,
      administeredAt: typeof data.administeredAt === 'string' ? data.administeredAt : null,
      status: voided ? 'voided' : typeof data.status === 'string' ? data.status : 'recorded',
    };
    // One subject's messages share a partition key, so they arrive here one at a time and in order.
    const current = await this.summaries.get(data.subjectId);
    const previous = current?.doses[data.doseId];
    if (voided && previous) dose.vaccineCode = previous.vaccineCode;
    const next: DoseSummaryDocument = {
      id: data.subjectId,
      version: (current?.version ?? 0) + 1,
      doses: {
        ...(current?.doses ?? {}),
        [data.doseId]: voided && previous ? { ...previous, status: 'voided' } : dose,
      },
    };
    await this.summaries.upsert(next, next.version);
  }
}

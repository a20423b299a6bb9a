/**
 * Public integration events of the immunization service, mapped from its stored events:
 * - `vaxledger.immunization.record.v1`: dose summaries for registry, keyed by subject id;
 * - `vaxledger.immunization.dose.v1`: the pseudonymous reporting feed, keyed by the subject pseudonym;
 * - `vaxledger.audit.access.v1`: reads of a record (R8), keyed by subject id.
 */
import {
  type DoseRecordMessage,
  type DoseReportMessage,
  type DueListAccessMessage,
  doseReportEventTypes,
  immunizationAccessEventType,
  immunizationRecordEventTypes,
  type RecordAccessMessage,
  type ReminderMessage,
  Topics,
} from '@vaxledger/contracts';
import { type CloudEvent, type IntegrationMapper, type RecordedEvent, toCloudEvent } from '@vaxledger/kernel';
import { createHash } from 'node:crypto';
import type { DoseSnapshot, DosesTransferredIn } from '../domain/immunization-record.events';
import type { ImmunizationRecordRead } from '../domain/record-access.events';
import type { DueListRead } from '../domain/due-list-access.events';
import type { ReminderEvent } from '../domain/reminders.decider';
import { findVaccine, type VaccineCatalogue } from '../domain/vaccine-catalogue';
import { localDateOf } from '../domain/calendar';
import { coarseTime, doseReportingKey, reportingMessageId, subjectReportingKey } from './reporting-pseudonyms';

export const immunizationSource = '/vaxledger/immunization';
export const reportingSource = '/vaxledger/immunization/reporting';

const changeByType = { DoseRecorded: 'recorded', DoseCorrected: 'corrected', DoseVoided: 'voided' } as const;
type DoseEventType = keyof typeof changeByType;

export function immunizationIntegration(lookupKey: Buffer, catalogue: VaccineCatalogue): IntegrationMapper {
  return (event) => {
    if (event.type in changeByType) return doseMessages(event as RecordedEvent<DoseEventType, DoseSnapshot>, lookupKey, catalogue);
    if (event.type === 'DosesTransferredIn') return transferMessages(event as RecordedEvent<'DosesTransferredIn', DosesTransferredIn['data']>, lookupKey, catalogue);
    if (event.type === 'ImmunizationRecordRead') return [accessMessage(event as RecordedEvent<'ImmunizationRecordRead', ImmunizationRecordRead['data']>)];
    if (event.type === 'ReminderSent' || event.type === 'RemindersOptedOut') return [reminderMessage(event as RecordedEvent<ReminderEvent['type'], ReminderEvent['data']>)];
    if (event.type === 'DueListRead') return [dueListAccessMessage(event as RecordedEvent<'DueListRead', DueListRead['data']>)];
    return [];
  };
}

function doseMessages(event: RecordedEvent<DoseEventType, DoseSnapshot>, lookupKey: Buffer, catalogue: VaccineCatalogue, movedFrom?: string) {
  const dose = event.data;
  const change = changeByType[event.type];
  const status = event.type === 'DoseVoided' ? 'voided' : 'completed';
  const record: DoseRecordMessage = {
    subjectId: dose.subjectId,
    doseId: dose.doseId,
    vaccineCode: dose.vaccineCode,
    doseNumber: dose.doseNumber,
    administeredAt: dose.administeredAt,
    status,
    facilityId: dose.facilityId,
    ...(movedFrom ? { movedFrom } : {}),
  };
  const subjectKey = subjectReportingKey(lookupKey, dose.subjectId);
  const report: DoseReportMessage = {
    subjectKey,
    doseKey: doseReportingKey(lookupKey, dose.doseId),
    ageBand: dose.reporting.ageBand,
    sex: dose.reporting.sex,
    provinceCode: dose.reporting.provinceCode,
    districtCode: dose.reporting.districtCode,
    vaccineCode: dose.vaccineCode,
    program: findVaccine(catalogue, dose.vaccineCode)?.program ?? (dose.seriesGroup === 'covid19' ? 'covid19' : 'epi'),
    doseNumber: dose.doseNumber,
    date: localDateOf(dose.administeredAt),
    status,
  };
  // Built by hand rather than with toCloudEvent: the reporting message must not carry the stored event's id,
  // correlation id or exact time, any of which would link it back to the identified record topic.
  const reportingMessage: CloudEvent<DoseReportMessage> = {
    specversion: '1.0',
    id: reportingMessageId(lookupKey, event.metadata.eventId),
    source: reportingSource,
    type: doseReportEventTypes[change],
    time: coarseTime(event.metadata.occurredAt),
    datacontenttype: 'application/json',
    partitionkey: subjectKey,
    data: report,
  };
  return [
    {
      topic: Topics.immunizationRecord,
      message: toCloudEvent(event, {
        source: immunizationSource,
        type: immunizationRecordEventTypes[change],
        partitionkey: dose.subjectId,
        data: record,
      }),
    },
    { topic: Topics.immunizationDose, message: reportingMessage },
  ];
}

/**
 * A registry merge or unmerge moved doses to this record: each one is published as a correction of that dose
 * (same dose id and reporting dose key, the new subject), so registry's dose summaries, certificates (a revision
 * of the record's statement) and the reporting feed follow. The leaving half publishes nothing: the joining half
 * names the dose's new subject. The first dose's messages carry the stored event's id; the others an id derived
 * from it and the dose, so a replay publishes the same ids.
 */
function transferMessages(event: RecordedEvent<'DosesTransferredIn', DosesTransferredIn['data']>, lookupKey: Buffer, catalogue: VaccineCatalogue) {
  return event.data.doses.flatMap((dose, index) => {
    const { status, voidReason: _v, corrections: _c, reactions: _r, cameFrom: _f, ...snapshot } = dose;
    const eventId = index === 0 ? event.metadata.eventId : derivedMessageId(event.metadata.eventId, dose.doseId);
    const single = {
      ...event,
      type: status === 'voided' ? ('DoseVoided' as const) : ('DoseCorrected' as const),
      data: { ...snapshot, subjectId: event.data.subjectId },
      metadata: { ...event.metadata, eventId },
    };
    return doseMessages(single, lookupKey, catalogue, event.data.fromSubjectId);
  });
}

/** A UUID-shaped id fixed by the stored event and the dose. */
function derivedMessageId(eventId: string, doseId: string): string {
  const hex = createHash('sha256').update(`${eventId}:${doseId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function accessMessage(event: RecordedEvent<'ImmunizationRecordRead', ImmunizationRecordRead['data']>) {
  const read = event.data;
  const data: RecordAccessMessage = {
    subjectId: read.subjectId,
    accountId: read.accountId,
    role: read.role,
    facilityId: read.facilityId,
    provinceCode: read.provinceCode,
    resource: 'immunization-record',
    view: read.view,
    action: 'read',
    purpose: read.purpose,
    ip: read.ip,
    userAgent: read.userAgent,
    correlationId: event.metadata.correlationId,
    occurredAt: event.metadata.occurredAt,
  };
  return {
    topic: Topics.auditAccess,
    message: toCloudEvent(event, { source: immunizationSource, type: immunizationAccessEventType, partitionkey: read.subjectId, data }),
  };
}

export const dueListAccessEventType = 'vaxledger.immunization.due-list.read';

/** A due-list page read: one access record naming every subject on the page (R8). */
function dueListAccessMessage(event: RecordedEvent<'DueListRead', DueListRead['data']>) {
  const read = event.data;
  return {
    topic: Topics.auditAccess,
    message: toCloudEvent<DueListAccessMessage>(event, {
      source: immunizationSource,
      type: dueListAccessEventType,
      partitionkey: read.facilityId,
      data: {
        subjectIds: read.subjectIds,
        actor: { accountId: read.accountId, facilityId: read.actorFacilityId, provinceCode: read.actorProvinceCode },
        accountId: read.accountId,
        role: read.role,
        facilityId: read.facilityId,
        resource: 'due-list',
        action: 'read',
        on: read.on,
        status: read.status,
        purpose: read.purpose,
        ip: read.ip,
        userAgent: read.userAgent,
        correlationId: event.metadata.correlationId,
        occurredAt: event.metadata.occurredAt,
      },
    }),
  };
}

export const reminderEventTypes = { ReminderSent: 'vaxledger.immunization.reminder.sent', RemindersOptedOut: 'vaxledger.immunization.reminder.opted-out' } as const;

/** Reminders sent and opt-outs, for the audit trail: ids and the facility, never the phone or its hash. */
function reminderMessage(event: RecordedEvent<ReminderEvent['type'], ReminderEvent['data']>) {
  const { recipientKey: _recipientKey, ...data } = event.data as ReminderEvent['data'] & { recipientKey?: unknown };
  return {
    topic: Topics.immunizationRecord,
    message: toCloudEvent<ReminderMessage>(event, { source: immunizationSource, type: reminderEventTypes[event.type], partitionkey: data.subjectId, subject: data.subjectId, data }),
  };
}

/**
 * Builds the immunization service's collaborators from the service infrastructure, once per process. The Nest
 * module hands the pieces to controllers; `projections rebuild` and the tests take the projections and the
 * pipeline from here too. Every handler gets what it uses, by name: nothing is handed the whole infrastructure.
 */
import { AccessDenials, idIn, RevocationConsumer, RevocationList } from '@vaxledger/auth';
import { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import { type EventPipelineDefinition, requirePurposeKey, type ServiceInfrastructure } from '@vaxledger/runtime';
import { RecordAccessLog } from './access/record-access-log';
import { BookPlanSubjectsHandler } from './book-plan-subjects/book-plan-subjects.handler';
import { loadPopulationReference, POPULATION_FILE_ENV } from './catalogue/population.file';
import { loadVaccineCatalogue, VACCINES_FILE_ENV } from './catalogue/vaccine-catalogue.file';
import { CorrectDoseHandler } from './correct-dose/correct-dose.handler';
import { CoverageReportHandler } from './coverage-report/coverage-report.handler';
import { CreatePlanHandler } from './create-plan/create-plan.handler';
import type { VaccineCatalogue } from './domain/vaccine-catalogue';
import { DoseHistoryHandler } from './dose-history/dose-history.handler';
import { DueListHandler } from './due-list/due-list.handler';
import { FacilityDirectory } from './facility-directory';
import { FhirRecordHandler } from './fhir-record/fhir-record.handler';
import { GetPlanHandler } from './get-plan/get-plan.handler';
import { ImmunizationRecords, VaccinationPlans } from './immunization-records';
import { immunizationSettingsFrom } from './immunization-settings';
import { IdentityOrganisationConsumer } from './integration/identity-organisation.consumer';
import { immunizationIntegration } from './integration/immunization.integration';
import { RegistrySubjectConsumer } from './integration/registry-subject.consumer';
import { SubjectMergeConsumer } from './integration/subject-merge.consumer';
import { ListPlansHandler } from './list-plans/list-plans.handler';
import { ListVaccinesHandler } from './list-vaccines/list-vaccines.handler';
import { OptOutOfRemindersHandler } from './opt-out-of-reminders/opt-out-of-reminders.handler';
import { CoverageProjection } from './read-models/coverage.projection';
import { DoseIndexProjection } from './read-models/dose-index.projection';
import { DueListProjection } from './read-models/due-list.projection';
import { FacilitiesProjection } from './read-models/facilities.projection';
import { ImmunizationReadModels } from './read-models/immunization-read-models';
import { PeopleCoverageProjection } from './read-models/people-coverage.projection';
import { PlansProjection } from './read-models/plans.projection';
import { ReminderRecipientsProjection } from './read-models/reminder-recipients.projection';
import { RecordDoseHandler } from './record-dose/record-dose.handler';
import { ReminderRepliesHandler } from './reminder-replies/reminder-replies.handler';
import { ReportReactionHandler } from './report-reaction/report-reaction.handler';
import { ReminderScheduler } from './send-reminders/reminder-scheduler';
import { reminderSettingsFrom } from './send-reminders/reminder-settings';
import { SendRemindersJob } from './send-reminders/send-reminders.job';
import { type SubjectContactDirectory, unavailableSubjectContacts } from './subject-contacts';
import { VoidDoseHandler } from './void-dose/void-dose.handler';

export interface ImmunizationServices {
  catalogue: VaccineCatalogue;
  readModels: ImmunizationReadModels;
  pipeline: EventPipelineDefinition;
  sendReminders: SendRemindersJob;
  reminderScheduler: ReminderScheduler;
  listVaccines: ListVaccinesHandler;
  createPlan: CreatePlanHandler;
  listPlans: ListPlansHandler;
  getPlan: GetPlanHandler;
  bookPlanSubjects: BookPlanSubjectsHandler;
  recordDose: RecordDoseHandler;
  doseHistory: DoseHistoryHandler;
  correctDose: CorrectDoseHandler;
  voidDose: VoidDoseHandler;
  reportReaction: ReportReactionHandler;
  fhirRecord: FhirRecordHandler;
  coverageReport: CoverageReportHandler;
  dueList: DueListHandler;
  optOutOfReminders: OptOutOfRemindersHandler;
  reminderReplies: ReminderRepliesHandler;
}

export interface ImmunizationOptions {
  /**
   * Reaches registry's names and phones (due-list names, reminders); the standalone process passes registry's
   * in-process reader, a process without one shows no names and sends no reminders.
   */
  subjectContacts?: SubjectContactDirectory;
}

/** Every read model of the service, in the order they are started and rebuilt. */
export function immunizationProjections(readModels: ImmunizationReadModels, catalogue: VaccineCatalogue) {
  return [
    new PlansProjection(readModels),
    new DoseIndexProjection(readModels),
    new CoverageProjection(readModels),
    new FacilitiesProjection(readModels),
    new DueListProjection(readModels, catalogue),
    new ReminderRecipientsProjection(readModels),
    new PeopleCoverageProjection(readModels, catalogue),
  ];
}

/** The background half: projections, the relay to the bus, and the registry and identity feeds. */
export function immunizationPipeline(infra: ServiceInfrastructure, catalogue: VaccineCatalogue, readModels: ImmunizationReadModels): EventPipelineDefinition {
  return {
    projections: immunizationProjections(readModels, catalogue),
    integration: immunizationIntegration(requirePurposeKey(infra.keys.purposeKeys, 'reportingPseudonyms'), catalogue),
    consumers: [
      new RegistrySubjectConsumer(infra.eventStore),
      new SubjectMergeConsumer(infra.eventStore),
      new IdentityOrganisationConsumer(infra.eventStore),
      new RevocationConsumer(new RevocationList(infra.kv)),
    ],
  };
}

export function createImmunizationServices(infra: ServiceInfrastructure, options: ImmunizationOptions = {}): ImmunizationServices {
  // A missing or broken catalogue stops start-up with the file's name in the message.
  const catalogue = loadVaccineCatalogue(infra.settings[VACCINES_FILE_ENV]);
  // Validated here, at start-up: a bad value stops the process with the variable's name.
  const settings = immunizationSettingsFrom(infra.settings);
  const reminderSettings = reminderSettingsFrom(infra.settings);
  const population = loadPopulationReference(infra.settings[POPULATION_FILE_ENV]);
  const contacts = options.subjectContacts ?? unavailableSubjectContacts;
  const { eventStore, clock } = infra;
  const logger = infra.logger.child({ module: infra.service });
  const readModels = new ImmunizationReadModels(infra.readModels);
  const records = new ImmunizationRecords(eventStore);
  const plans = new VaccinationPlans(eventStore);
  const facilities = new FacilityDirectory(readModels);
  const accessLog = new RecordAccessLog(eventStore, clock);
  const crossFacilityReads = new CrossFacilityReadGate(infra.kv, settings.crossFacilityReadsPerHour, 'immunization');
  // Every refusal on access grounds (403, 400 purpose_required, 429 over the read quota) is recorded as a denial.
  const denials = new AccessDenials(infra.bus, clock, logger, 'immunization');
  const sendReminders = new SendRemindersJob(eventStore, readModels, contacts, reminderSettings, infra.delivery, infra.keys.lookupKey, clock, logger);
  return {
    catalogue,
    readModels,
    pipeline: immunizationPipeline(infra, catalogue, readModels),
    sendReminders,
    reminderScheduler: new ReminderScheduler(sendReminders, reminderSettings, clock, logger),
    listVaccines: new ListVaccinesHandler(catalogue),
    createPlan: denials.recording(new CreatePlanHandler(catalogue, facilities, plans, clock), 'plan.create', (body) => ({
      facilityId: idIn(body, 'facilityId'),
    })),
    listPlans: denials.recording(new ListPlansHandler(readModels, facilities), 'plan.list', (query) => ({
      facilityId: idIn(query, 'facilityId'),
    })),
    getPlan: denials.recording(new GetPlanHandler(plans, readModels, clock), 'plan.read', (planId) => ({ planId })),
    bookPlanSubjects: denials.recording(
      new BookPlanSubjectsHandler(catalogue, logger, plans, records, clock),
      'plan.subjects.book',
      (planId) => ({ planId }),
    ),
    recordDose: denials.recording(
      new RecordDoseHandler(catalogue, facilities, records, plans, clock),
      'dose.record',
      (subjectId, body) => ({ subjectId, facilityId: idIn(body, 'facilityId') }),
    ),
    doseHistory: denials.recording(
      new DoseHistoryHandler(catalogue, records, accessLog, crossFacilityReads, clock),
      'dose.history.read',
      (subjectId) => ({ subjectId }),
    ),
    correctDose: denials.recording(new CorrectDoseHandler(catalogue, records, clock), 'dose.correct', (subjectId, doseId) => ({
      subjectId,
      doseId,
    })),
    voidDose: denials.recording(new VoidDoseHandler(records, clock), 'dose.void', (subjectId, doseId) => ({ subjectId, doseId })),
    reportReaction: denials.recording(new ReportReactionHandler(records, clock), 'dose.reaction.report', (subjectId, doseId) => ({
      subjectId,
      doseId,
    })),
    fhirRecord: denials.recording(
      new FhirRecordHandler(catalogue, records, accessLog, crossFacilityReads, clock),
      'immunization.fhir.read',
      (subjectId) => ({ subjectId }),
    ),
    coverageReport: denials.recording(new CoverageReportHandler(readModels, population), 'coverage.read', (query) => ({
      provinceCode: idIn(query, 'provinceCode'),
    })),
    dueList: denials.recording(
      new DueListHandler(eventStore, contacts, readModels, facilities, catalogue, clock),
      'due-list.read',
      (facilityId) => ({ facilityId }),
    ),
    optOutOfReminders: denials.recording(new OptOutOfRemindersHandler(eventStore, clock), 'reminders.opt-out', (subjectId) => ({
      subjectId,
    })),
    reminderReplies: new ReminderRepliesHandler(eventStore, readModels, reminderSettings, infra.keys.lookupKey, clock),
  };
}

import { type DynamicModule, Module } from '@nestjs/common';
import { tokenVerificationKeys, authProviders, RevocationList, revocationConsumer } from '@vaxledger/auth';
import { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import {
  EVENT_PIPELINE,
  EventPipeline,
  EventPipelineLifecycle,
  infrastructureProviders,
  requirePurposeKey,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';
import { RecordAccessLog } from './access/record-access-log';
import { BookPlanSubjectsHandler } from './book-plan-subjects/book-plan-subjects.handler';
import { BookPlanSubjectsHttpController } from './book-plan-subjects/book-plan-subjects.http.controller';
import { loadVaccineCatalogue, VACCINES_FILE_ENV } from './catalogue/vaccine-catalogue.file';
import { VACCINE_CATALOGUE } from './command-metadata';
import { CorrectDoseHandler } from './correct-dose/correct-dose.handler';
import { CorrectDoseHttpController } from './correct-dose/correct-dose.http.controller';
import { CoverageReportHandler } from './coverage-report/coverage-report.handler';
import { CoverageReportHttpController } from './coverage-report/coverage-report.http.controller';
import { POPULATION_REFERENCE } from './coverage-report/people-coverage';
import { loadPopulationReference, POPULATION_FILE_ENV } from './catalogue/population.file';
import { CreatePlanHandler } from './create-plan/create-plan.handler';
import { CreatePlanHttpController } from './create-plan/create-plan.http.controller';
import type { VaccineCatalogue } from './domain/vaccine-catalogue';
import { DueListHandler } from './due-list/due-list.handler';
import { DueListHttpController } from './due-list/due-list.http.controller';
import { SUBJECT_CONTACTS, type SubjectContactDirectory, unavailableSubjectContacts } from './subject-contacts';
import { DoseHistoryHandler } from './dose-history/dose-history.handler';
import { DoseHistoryHttpController } from './dose-history/dose-history.http.controller';
import { FacilityDirectory } from './facility-directory';
import { FhirRecordHandler } from './fhir-record/fhir-record.handler';
import { FhirRecordHttpController } from './fhir-record/fhir-record.http.controller';
import { GetPlanHandler } from './get-plan/get-plan.handler';
import { GetPlanHttpController } from './get-plan/get-plan.http.controller';
import { ImmunizationRecords, VaccinationPlans } from './immunization-records';
import { immunizationSettingsFrom } from './immunization-settings';
import { identityOrganisationConsumer } from './integration/identity-organisation.consumer';
import { immunizationIntegration } from './integration/immunization.integration';
import { registrySubjectConsumer } from './integration/registry-subject.consumer';
import { subjectMergeConsumer } from './integration/subject-merge.consumer';
import { ListPlansHandler } from './list-plans/list-plans.handler';
import { ListPlansHttpController } from './list-plans/list-plans.http.controller';
import { ListVaccinesHandler } from './list-vaccines/list-vaccines.handler';
import { ListVaccinesHttpController } from './list-vaccines/list-vaccines.http.controller';
import { CoverageProjection } from './read-models/coverage.projection';
import { DoseIndexProjection } from './read-models/dose-index.projection';
import { DueListProjection } from './read-models/due-list.projection';
import { PeopleCoverageProjection } from './read-models/people-coverage.projection';
import { ReminderRecipientsProjection } from './read-models/reminder-recipients.projection';
import { OptOutOfRemindersHandler } from './opt-out-of-reminders/opt-out-of-reminders.handler';
import { OptOutOfRemindersHttpController, ReminderRepliesHttpController } from './opt-out-of-reminders/opt-out-of-reminders.http.controller';
import { ReminderScheduler } from './send-reminders/reminder-scheduler';
import { REMINDER_SETTINGS, reminderSettingsFrom } from './send-reminders/reminder-settings';
import { SendRemindersJob } from './send-reminders/send-reminders.job';
import { FacilitiesProjection } from './read-models/facilities.projection';
import { ImmunizationReadModels } from './read-models/immunization-read-models';
import { PlansProjection } from './read-models/plans.projection';
import { RecordDoseHandler } from './record-dose/record-dose.handler';
import { RecordDoseHttpController } from './record-dose/record-dose.http.controller';
import { ReportReactionHandler } from './report-reaction/report-reaction.handler';
import { ReportReactionHttpController } from './report-reaction/report-reaction.http.controller';
import { VoidDoseHandler } from './void-dose/void-dose.handler';
import { VoidDoseHttpController } from './void-dose/void-dose.http.controller';

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
export function immunizationPipeline(infra: ServiceInfrastructure, catalogue: VaccineCatalogue, readModels: ImmunizationReadModels): EventPipeline {
  return new EventPipeline(infra, {
    projections: immunizationProjections(readModels, catalogue),
    integration: immunizationIntegration(requirePurposeKey(infra.keys.purposeKeys, 'reportingPseudonyms'), catalogue),
    consumers: [
      registrySubjectConsumer(infra.eventStore),
      subjectMergeConsumer(infra.eventStore),
      identityOrganisationConsumer(infra.eventStore),
      revocationConsumer(new RevocationList(infra.kv)),
    ],
  });
}

/** The immunization service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class ImmunizationModule {
  /**
   * `subjectContacts` reaches registry's names and phones (due-list names, reminders); the standalone process
   * passes registry's in-process reader, a process without one shows no names and sends no reminders.
   */
  static register(infra: ServiceInfrastructure, options: { subjectContacts?: SubjectContactDirectory } = {}): DynamicModule {
    // A missing or broken catalogue stops start-up with the file's name in the message.
    const catalogue = loadVaccineCatalogue(infra.settings[VACCINES_FILE_ENV]);
    // Validated here, at start-up: a bad value stops the process with the variable's name.
    const settings = immunizationSettingsFrom(infra.settings);
    const readModels = new ImmunizationReadModels(infra.readModels);
    const reminderSettings = reminderSettingsFrom(infra.settings);
    const subjectContacts = options.subjectContacts ?? unavailableSubjectContacts;
    return {
      module: ImmunizationModule,
      controllers: [
        ListVaccinesHttpController,
        CreatePlanHttpController,
        ListPlansHttpController,
        GetPlanHttpController,
        BookPlanSubjectsHttpController,
        RecordDoseHttpController,
        DoseHistoryHttpController,
        CorrectDoseHttpController,
        VoidDoseHttpController,
        ReportReactionHttpController,
        FhirRecordHttpController,
        CoverageReportHttpController,
        DueListHttpController,
        OptOutOfRemindersHttpController,
        ReminderRepliesHttpController,
      ],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(tokenVerificationKeys(infra.keys), infra.kv),
        { provide: VACCINE_CATALOGUE, useValue: catalogue },
        { provide: ImmunizationReadModels, useValue: readModels },
        { provide: ImmunizationRecords, useValue: new ImmunizationRecords(infra.eventStore) },
        { provide: VaccinationPlans, useValue: new VaccinationPlans(infra.eventStore) },
        FacilityDirectory,
        RecordAccessLog,
        {
          provide: CrossFacilityReadGate,
          useValue: new CrossFacilityReadGate(infra.kv, settings.crossFacilityReadsPerHour, 'immunization'),
        },
        ListVaccinesHandler,
        CreatePlanHandler,
        ListPlansHandler,
        GetPlanHandler,
        BookPlanSubjectsHandler,
        RecordDoseHandler,
        DoseHistoryHandler,
        CorrectDoseHandler,
        VoidDoseHandler,
        ReportReactionHandler,
        FhirRecordHandler,
        CoverageReportHandler,
        DueListHandler,
        { provide: SUBJECT_CONTACTS, useValue: subjectContacts },
        { provide: REMINDER_SETTINGS, useValue: reminderSettings },
        { provide: POPULATION_REFERENCE, useValue: loadPopulationReference(infra.settings[POPULATION_FILE_ENV]) },
        { provide: SendRemindersJob, useValue: new SendRemindersJob(infra, readModels, subjectContacts, reminderSettings) },
        ReminderScheduler,
        OptOutOfRemindersHandler,
        { provide: EVENT_PIPELINE, useFactory: () => immunizationPipeline(infra, catalogue, readModels) },
        EventPipelineLifecycle,
      ],
    };
  }
}

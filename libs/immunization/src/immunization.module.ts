import { type DynamicModule, Module } from '@nestjs/common';
import { authProviders, tokenVerificationKeys } from '@vaxledger/auth';
import {
  EVENT_PIPELINE,
  EventPipeline,
  EventPipelineLifecycle,
  infrastructureProviders,
  type ServiceInfrastructure,
} from '@vaxledger/runtime';
import { BookPlanSubjectsController } from './book-plan-subjects/book-plan-subjects.http.controller';
import { BookPlanSubjectsHandler } from './book-plan-subjects/book-plan-subjects.handler';
import { CorrectDoseController } from './correct-dose/correct-dose.http.controller';
import { CorrectDoseHandler } from './correct-dose/correct-dose.handler';
import { CoverageReportController } from './coverage-report/coverage-report.http.controller';
import { CoverageReportHandler } from './coverage-report/coverage-report.handler';
import { CreatePlanController } from './create-plan/create-plan.http.controller';
import { CreatePlanHandler } from './create-plan/create-plan.handler';
import { DoseHistoryController } from './dose-history/dose-history.http.controller';
import { DoseHistoryHandler } from './dose-history/dose-history.handler';
import { DueListController } from './due-list/due-list.http.controller';
import { DueListHandler } from './due-list/due-list.handler';
import { FhirRecordController } from './fhir-record/fhir-record.http.controller';
import { FhirRecordHandler } from './fhir-record/fhir-record.handler';
import { GetPlanController } from './get-plan/get-plan.http.controller';
import { GetPlanHandler } from './get-plan/get-plan.handler';
import { createImmunizationServices, type ImmunizationOptions, type ImmunizationServices } from './immunization.composition';
import { ListPlansController } from './list-plans/list-plans.http.controller';
import { ListPlansHandler } from './list-plans/list-plans.handler';
import { ListVaccinesController } from './list-vaccines/list-vaccines.http.controller';
import { ListVaccinesHandler } from './list-vaccines/list-vaccines.handler';
import { OptOutOfRemindersController } from './opt-out-of-reminders/opt-out-of-reminders.http.controller';
import { OptOutOfRemindersHandler } from './opt-out-of-reminders/opt-out-of-reminders.handler';
import { RecordDoseController } from './record-dose/record-dose.http.controller';
import { RecordDoseHandler } from './record-dose/record-dose.handler';
import { ReminderRepliesController } from './reminder-replies/reminder-replies.http.controller';
import { ReminderRepliesHandler } from './reminder-replies/reminder-replies.handler';
import { ReportReactionController } from './report-reaction/report-reaction.http.controller';
import { ReportReactionHandler } from './report-reaction/report-reaction.handler';
import { ReminderScheduler } from './send-reminders/reminder-scheduler';
import { SendRemindersJob } from './send-reminders/send-reminders.job';
import { VoidDoseController } from './void-dose/void-dose.http.controller';
import { VoidDoseHandler } from './void-dose/void-dose.handler';

export { immunizationPipeline, immunizationProjections, type ImmunizationOptions } from './immunization.composition';

export const IMMUNIZATION_SERVICES = Symbol('IMMUNIZATION_SERVICES');

/** Each handler (and the reminder job and its scheduler) is provided under its class, taken from the one composed set. */
const handlerProviders: Array<[new (...args: never[]) => unknown, keyof ImmunizationServices]> = [
  [ListVaccinesHandler, 'listVaccines'],
  [CreatePlanHandler, 'createPlan'],
  [ListPlansHandler, 'listPlans'],
  [GetPlanHandler, 'getPlan'],
  [BookPlanSubjectsHandler, 'bookPlanSubjects'],
  [RecordDoseHandler, 'recordDose'],
  [DoseHistoryHandler, 'doseHistory'],
  [CorrectDoseHandler, 'correctDose'],
  [VoidDoseHandler, 'voidDose'],
  [ReportReactionHandler, 'reportReaction'],
  [FhirRecordHandler, 'fhirRecord'],
  [CoverageReportHandler, 'coverageReport'],
  [DueListHandler, 'dueList'],
  [OptOutOfRemindersHandler, 'optOutOfReminders'],
  [ReminderRepliesHandler, 'reminderReplies'],
  [SendRemindersJob, 'sendReminders'],
  [ReminderScheduler, 'reminderScheduler'],
];

/** The immunization service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class ImmunizationModule {
  static register(infra: ServiceInfrastructure, options: ImmunizationOptions = {}): DynamicModule {
    // Composed here, at start-up: a bad setting or a broken catalogue stops the process with its name.
    const services = createImmunizationServices(infra, options);
    return {
      module: ImmunizationModule,
      controllers: [
        ListVaccinesController,
        CreatePlanController,
        ListPlansController,
        GetPlanController,
        BookPlanSubjectsController,
        RecordDoseController,
        DoseHistoryController,
        CorrectDoseController,
        VoidDoseController,
        ReportReactionController,
        FhirRecordController,
        CoverageReportController,
        DueListController,
        OptOutOfRemindersController,
        ReminderRepliesController,
      ],
      providers: [
        ...infrastructureProviders(infra),
        ...authProviders(tokenVerificationKeys(infra.keys), infra.kv),
        { provide: IMMUNIZATION_SERVICES, useValue: services },
        ...handlerProviders.map(([handler, key]) => ({
          provide: handler,
          useFactory: (composed: ImmunizationServices) => composed[key],
          inject: [IMMUNIZATION_SERVICES],
        })),
        {
          provide: EVENT_PIPELINE,
          useFactory: (composed: ImmunizationServices) => new EventPipeline(infra, composed.pipeline),
          inject: [IMMUNIZATION_SERVICES],
        },
        EventPipelineLifecycle,
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { tokenVerificationKeys, authProviders, RevocationList, revocationConsumer } from '@vaxledger/auth';
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
import { CreatePlanHandler } from './create-plan/create-plan.handler';
import { CreatePlanHttpController } from './create-plan/create-plan.http.controller';
import type { VaccineCatalogue } from './domain/vaccine-catalogue';
import { DoseHistoryHandler } from './dose-history/dose-history.handler';
import { DoseHistoryHttpController } from './dose-history/dose-history.http.controller';
import { FacilityDirectory } from './facility-directory';
import { FhirRecordHandler } from './fhir-record/fhir-record.handler';
import { FhirRecordHttpController } from './fhir-record/fhir-record.http.controller';
import { GetPlanHandler } from './get-plan/get-plan.handler';
import { GetPlanHttpController } from './get-plan/get-plan.http.controller';
import { ImmunizationRecords, VaccinationPlans } from './immunization-records';
import { identityOrganisationConsumer } from './integration/identity-organisation.consumer';
import { immunizationIntegration } from './integration/immunization.integration';
import { registrySubjectConsumer } from './integration/registry-subject.consumer';
import { ListPlansHandler } from './list-plans/list-plans.handler';
import { ListPlansHttpController } from './list-plans/list-plans.http.controller';
import { ListVaccinesHandler } from './list-vaccines/list-vaccines.handler';
import { ListVaccinesHttpController } from './list-vaccines/list-vaccines.http.controller';
import { CoverageProjection } from './read-models/coverage.projection';
import { DoseIndexProjection } from './read-models/dose-index.projection';
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
export function immunizationProjections(readModels: ImmunizationReadModels) {
  return [new PlansProjection(readModels), new DoseIndexProjection(readModels), new CoverageProjection(readModels), new FacilitiesProjection(readModels)];
}

/** The background half: projections, the relay to the bus, and the registry and identity feeds. */
export function immunizationPipeline(infra: ServiceInfrastructure, catalogue: VaccineCatalogue, readModels: ImmunizationReadModels): EventPipeline {
  return new EventPipeline(infra, {
    projections: immunizationProjections(readModels),
    integration: immunizationIntegration(requirePurposeKey(infra.keys.purposeKeys, 'reportingPseudonyms'), catalogue),
    consumers: [
      registrySubjectConsumer(infra.eventStore),
      identityOrganisationConsumer(infra.eventStore),
      revocationConsumer(new RevocationList(infra.kv)),
    ],
  });
}

/** The immunization service: wired the same way in its own process (distributed) and in the standalone process. */
@Module({})
export class ImmunizationModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    // A missing or broken catalogue stops start-up with the file's name in the message.
    const catalogue = loadVaccineCatalogue(infra.settings[VACCINES_FILE_ENV]);
    const readModels = new ImmunizationReadModels(infra.readModels);
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
        { provide: EVENT_PIPELINE, useFactory: () => immunizationPipeline(infra, catalogue, readModels) },
        EventPipelineLifecycle,
      ],
    };
  }
}

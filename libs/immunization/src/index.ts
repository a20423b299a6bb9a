export * from './immunization.module';
export * from './domain/vaccine-catalogue';
export * from './domain/immunization-record.events';
export { doseRecordDecider } from './domain/dose-record.decider';
export { vaccinationPlanDecider } from './domain/vaccination-plan.decider';
export { loadVaccineCatalogue, locateVaccineCatalogueFile, VACCINES_FILE_ENV } from './catalogue/vaccine-catalogue.file';
export { ImmunizationReadModels } from './read-models/immunization-read-models';
export { immunizationIntegration } from './integration/immunization.integration';
export { doseReportingKey, subjectReportingKey } from './integration/reporting-pseudonyms';

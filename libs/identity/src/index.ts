export * from './identity.module';
export { bootstrapNationalAdmin, BootstrapRefused, type BootstrapNationalAdminInput } from './bootstrap-national-admin/bootstrap-national-admin';
export { RevocationConsumer, identityAccountTopic } from '@vaxledger/auth';
export { identitySettingsSchema } from './identity-settings';
export { totpSettings, totpCodeAt } from './credentials/totp';
export { identityProjections } from './read-models/identity-projections';
export { identityIntegration } from './integration/identity.integration';

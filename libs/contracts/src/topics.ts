/**
 * Every Kafka topic vaxledger publishes, `vaxledger.<context>.<entity>.v<N>`. Producers and consumers are
 * typed against `TopicPayloads` (topic-payloads.ts), which gives each topic its payload type.
 */
export const Topics = {
  identityAccount: 'vaxledger.identity.account.v1',
  identityLogin: 'vaxledger.identity.login.v1',
  identityOrganisation: 'vaxledger.identity.organisation.v1',
  registrySubject: 'vaxledger.registry.subject.v1',
  /**
   * Who a certificate is for (name, birth date, phone, keyed ID-number hash), keyed by subject id: the feed
   * immunization's certificates keep their holder read model from. Personal data: read by immunization alone.
   */
  registryHolder: 'vaxledger.registry.holder.v1',
  immunizationDose: 'vaxledger.immunization.dose.v1',
  immunizationRecord: 'vaxledger.immunization.record.v1',
  auditAccess: 'vaxledger.audit.access.v1',
  /**
   * Every signed checkpoint of the audit trail, keyed by `<kind>:<sequence>`: an anchor outside the trail's
   * database. Compacted and never expiring; only the audit principal may write it.
   */
  auditCheckpoints: 'vaxledger.audit.checkpoints.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly TopicName[] = Object.values(Topics);

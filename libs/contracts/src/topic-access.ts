import { Topics } from './topics';

/**
 * Signed audit checkpoints anchored outside the trail's database: written by audit only, compacted, never
 * expiring (issue 14). Named here for the access map; audit publishes it.
 */
export const auditCheckpointsTopic = 'vaxledger.audit.checkpoints.v1';

/** The principals a deployment gives the engines: one per service, plus the downstream reporting consumer. */
export const enginePrincipals = ['identity', 'registry', 'immunization', 'audit', 'reporting'] as const;
export type EnginePrincipal = (typeof enginePrincipals)[number];

export interface TopicAccess {
  topic: string;
  /** Who may publish. A consumer trusts a privileged event only from a topic whose sole writer is identity. */
  writers: readonly EnginePrincipal[];
  /** Who consumes it (each in consumer groups named `<principal>.<purpose>`). */
  readers: readonly EnginePrincipal[];
  /** Topic settings the bootstrap creates it with, beyond the cluster's defaults. */
  config?: Readonly<Record<string, string>>;
}

/**
 * Who writes and who reads every topic: the one place the Kafka ACLs (libs/event-bus kafka-acls.ts, the
 * compose and Kubernetes bootstrap, the test engines) are derived from. A service writes only its own topics;
 * the access records and access denials of `vaxledger.audit.access.v1` are the exception, written by the services
 * that record reads and refusals (identity, registry, and immunization with the certificates it serves) and read
 * by audit alone.
 */
export const topicAccess: readonly TopicAccess[] = [
  {
    topic: Topics.identityAccount,
    writers: ['identity'],
    readers: ['identity', 'registry', 'immunization', 'audit'],
  },
  { topic: Topics.identityLogin, writers: ['identity'], readers: ['audit'] },
  {
    topic: Topics.identityOrganisation,
    writers: ['identity'],
    readers: ['registry', 'immunization', 'audit'],
  },
  { topic: Topics.registrySubject, writers: ['registry'], readers: ['immunization', 'audit'] },
  // Names, phones and birth dates of holders, for the certificates immunization serves: nobody else reads
  // it (the audit trail already records the same registry events from the subject topic).
  { topic: Topics.registryHolder, writers: ['registry'], readers: ['immunization'] },
  // The reporting topic carries no direct identifiers; downstream consumers get this one only.
  { topic: Topics.immunizationDose, writers: ['immunization'], readers: ['audit', 'reporting'] },
  // immunization reads its own record topic too: the certificates it serves are revised on dose corrections and voids.
  { topic: Topics.immunizationRecord, writers: ['immunization'], readers: ['registry', 'immunization', 'audit'] },
  { topic: Topics.auditAccess, writers: ['identity', 'registry', 'immunization'], readers: ['audit'] },
  {
    topic: auditCheckpointsTopic,
    writers: ['audit'],
    readers: ['audit'],
    config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
  },
];

/**
 * The topic configurations of the access map, by topic (the checkpoint anchors: compacted, never expiring), as
 * the Kafka bus takes them to create a topic `engines bootstrap` has not.
 */
export const topicConfigs: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  topicAccess.filter((entry) => entry.config).map((entry) => [entry.topic, entry.config!]),
);

/** The topics only `principal` may write. */
export function topicsWrittenOnlyBy(principal: EnginePrincipal): string[] {
  return topicAccess
    .filter((entry) => entry.writers.length === 1 && entry.writers[0] === principal)
    .map((entry) => entry.topic);
}

/**
 * Kafka ACLs derived from a topic access map (libs/contracts `topicAccess`): a writer may produce to its topics,
 * a reader may consume them in its own consumer groups and park failures on `<topic>.dlq`. Nothing else is
 * allowed (the brokers run with `allow.everyone.if.no.acl.found=false`).
 */
import {
  type Admin,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type AclEntry,
  ResourcePatternTypes,
} from 'kafkajs';
import { deadLetterTopic } from '@vaxledger/kernel';

export interface TopicAccessEntry {
  topic: string;
  writers: readonly string[];
  readers: readonly string[];
}

export type KafkaAclOperation = 'read' | 'write' | 'create' | 'describe';

export interface KafkaAclBinding {
  /** `User:<name>` */
  principal: string;
  resourceType: 'topic' | 'group';
  patternType: 'literal' | 'prefixed';
  name: string;
  operation: KafkaAclOperation;
}

export interface KafkaAclOptions {
  /** The deployment's KAFKA_NAMESPACE: every topic and group name on the broker starts with `<namespace>.`. */
  namespace?: string;
  /** The SCRAM user of a role, e.g. `identity` → `vaxledger-identity`. */
  principalOf: (role: string) => string;
}

export function kafkaAclBindings(access: readonly TopicAccessEntry[], options: KafkaAclOptions): KafkaAclBinding[] {
  const onBroker = (name: string) => (options.namespace ? `${options.namespace}.${name}` : name);
  const bindings = new Map<string, KafkaAclBinding>();
  const allow = (role: string, resourceType: 'topic' | 'group', patternType: 'literal' | 'prefixed', name: string, operations: KafkaAclOperation[]) => {
    for (const operation of operations) {
      const binding = { principal: `User:${options.principalOf(role)}`, resourceType, patternType, name: onBroker(name), operation };
      bindings.set(JSON.stringify(binding), binding);
    }
  };
  const roles = new Set<string>();
  for (const { topic, writers, readers } of access) {
    const dlq = deadLetterTopic(topic);
    for (const writer of writers) {
      roles.add(writer);
      allow(writer, 'topic', 'literal', topic, ['write', 'describe', 'create']);
      // The bus creates a topic together with its dead-letter topic; writing there is for the readers.
      allow(writer, 'topic', 'literal', dlq, ['describe', 'create']);
    }
    for (const reader of readers) {
      roles.add(reader);
      // create: a consumer that starts first creates the topic (empty); it still cannot write to it.
      allow(reader, 'topic', 'literal', topic, ['read', 'describe', 'create']);
      allow(reader, 'topic', 'literal', dlq, ['read', 'write', 'describe', 'create']);
    }
  }
  // Consumer groups are `<role>.<purpose>` (libs/runtime event-pipeline): each role joins only its own.
  for (const role of roles) allow(role, 'group', 'prefixed', `${role}.`, ['read', 'describe']);
  return [...bindings.values()];
}

const operationTypes: Record<KafkaAclOperation, AclOperationTypes> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
  describe: AclOperationTypes.DESCRIBE,
};

function aclEntry(binding: KafkaAclBinding): AclEntry {
  return {
    resourceType: binding.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: binding.name,
    resourcePatternType: binding.patternType === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
    principal: binding.principal,
    host: '*',
    operation: operationTypes[binding.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** Creates the bindings (idempotent: an existing ACL is kept). Needs a principal allowed to alter the cluster. */
export async function applyKafkaAcls(admin: Admin, bindings: readonly KafkaAclBinding[]): Promise<void> {
  if (bindings.length === 0) return;
  await admin.createAcls({ acl: bindings.map(aclEntry) });
}

/** Deletes exactly these bindings, e.g. those of a throwaway test namespace. */
export async function removeKafkaAcls(admin: Admin, bindings: readonly KafkaAclBinding[]): Promise<void> {
  if (bindings.length === 0) return;
  await admin.deleteAcls({ filters: bindings.map(aclEntry) });
}
